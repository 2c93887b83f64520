// An async Node.js handler for the tests: decodes every record, calls every
// context method, records each call's request id in $COUNT_DIR/<pid>.ids
// and throws TypeError for records whose seq % 5 == 4 when FAIL_EVERY=5
// (records without a seq: every 5th call of the process).
'use strict';
const fs = require('fs');
const path = require('path');

let initialized = false;
let calls = 0;
exports.initializer = async (context) => { initialized = context.getFunctionName() !== ''; };

exports.handler = async (event, context) => {
  calls++;
  const seqs = event.Message.records.map((r) => JSON.parse(Buffer.from(r.data, 'base64').toString()).seq ?? calls - 1);
  for (const m of ['getRequestID', 'getRemainingTimeInMilliSeconds', 'getAccessKey', 'getSecretKey',
    'getSecurityAccessKey', 'getSecuritySecretKey', 'getSecurityToken', 'getToken', 'getFunctionName',
    'getRunningTimeInSeconds', 'getVersion', 'getMemorySize', 'getCPUNumber', 'getProjectID',
    'getPackage', 'getAlias']) {
    context[m]();
  }
  context.getLogger().info(`records ${seqs.length}`);
  await new Promise((r) => setImmediate(r));
  fs.appendFileSync(path.join(process.env.COUNT_DIR, `${process.pid}.ids`), `${context.getRequestID()}\n`);
  const every = Number(process.env.FAIL_EVERY || 0);
  if (every && seqs[0] % every === every - 1) throw new TypeError(`seq ${seqs[0]} refused`);
  return { records: seqs.length, initialized, ak: context.getAccessKey(), team: context.getUserData('team') };
};
