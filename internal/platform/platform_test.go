package platform_test

import (
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/disload/disload/dis"
	"github.com/disload/disload/inproc"
	"github.com/disload/disload/internal/generator"
	"github.com/disload/disload/internal/harness"
	"github.com/disload/disload/internal/harness/trigger"
	"github.com/disload/disload/internal/platform"
	"github.com/disload/disload/internal/scenarios"
	"github.com/disload/disload/internal/target/function"
	"github.com/disload/disload/internal/target/httptarget"
)

// TestPackagesAgree: every package that states a platform number (or one
// of disload's shared defaults) states the platform's.
func TestPackagesAgree(t *testing.T) {
	for _, tc := range []struct {
		name      string
		got, want any
	}{
		{"dis.MaxRecordData", dis.MaxRecordData, platform.RecordData},
		{"dis.MaxEventSize", dis.MaxEventSize, platform.EventSize},
		{"generator.MaxEventBytes", generator.MaxEventBytes, platform.EventSize},
		{"generator.MaxRecordSize", generator.MaxRecordSize, platform.RecordData},
		{"generator.DefaultBatchSize", generator.DefaultBatchSize, platform.BatchSize},
		{"generator.MaxBatchSize", generator.MaxBatchSize, platform.MaxBatchSize},
		{"trigger.DefaultBatchSize", trigger.DefaultBatchSize, platform.BatchSize},
		{"trigger.MaxBatchSize", trigger.MaxBatchSize, platform.MaxBatchSize},
		{"trigger.DefaultMaxFetchBytes", trigger.DefaultMaxFetchBytes, platform.MaxFetchBytes},
		{"scenarios.DefaultMaxFetchBytes", scenarios.DefaultMaxFetchBytes, platform.MaxFetchBytes},
		{"trigger.DefaultPoll", trigger.DefaultPoll, platform.LocalPollInterval},
		{"scenarios.DefaultPoll", scenarios.DefaultPoll, platform.LocalPollInterval},
		{"trigger.MaxPoll", trigger.MaxPoll, platform.MaxPollInterval},
		{"scenarios.MaxTriggerPoll", scenarios.MaxTriggerPoll, platform.MaxPollInterval},
		{"trigger.MaxRetries", trigger.MaxRetries, platform.MaxRetries},
		{"scenarios.MaxTriggerRetries", scenarios.MaxTriggerRetries, platform.MaxRetries},
		{"scenarios.DefaultRetries", scenarios.DefaultRetries, platform.Retries},
		{"scenarios.DefaultTag", scenarios.DefaultTag, platform.Tag},
		{"scenarios.DefaultStreamName", scenarios.DefaultStreamName, platform.StreamName},
		{"harness.DefaultGrace", harness.DefaultGrace, platform.Grace},
		{"trigger.DefaultGrace", trigger.DefaultGrace, platform.Grace},
		{"scenarios.DefaultGrace", scenarios.DefaultGrace, platform.Grace},
		{"function.DefaultTimeout", function.DefaultTimeout, platform.FunctionTimeout},
		{"scenarios.DefaultTimeout", scenarios.DefaultTimeout, platform.FunctionTimeout},
		{"inproc.DefaultTimeout", inproc.DefaultTimeout, platform.FunctionTimeout},
		{"function.DefaultMemoryMB", function.DefaultMemoryMB, platform.MemoryMB},
		{"scenarios.DefaultMemory", scenarios.DefaultMemory, platform.MemoryMB},
		{"function.DefaultMaxInstances", function.DefaultMaxInstances, platform.MaxInstances},
		{"scenarios.MaxFunctionInstances", scenarios.MaxFunctionInstances, platform.MaxInstancesLimit},
		{"function.DefaultBodySize", function.DefaultBodySize, platform.ResponseBodySize},
		{"scenarios.DefaultMaxRespBodySize", scenarios.DefaultMaxRespBodySize, platform.ResponseBodySize},
		{"httptarget.MaxResponseBody", httptarget.MaxResponseBody, platform.ResponseBodySize},
	} {
		if tc.got != tc.want {
			t.Errorf("%s = %v, want the platform's %v", tc.name, tc.got, tc.want)
		}
	}
}

// TestScenarioDefaults: a scenario with no trigger settings runs with the
// platform's trigger defaults and disload's poll interval.
func TestScenarioDefaults(t *testing.T) {
	d := scenarios.Default()
	if d.Trigger.Poll != platform.LocalPollInterval || d.Batch.Size != platform.BatchSize ||
		d.Trigger.MaxFetchBytes != platform.MaxFetchBytes || d.Trigger.Retries != platform.Retries {
		t.Errorf("scenario defaults: poll %v, batch %d, max fetch %d, retries %d", d.Trigger.Poll, d.Batch.Size, d.Trigger.MaxFetchBytes, d.Trigger.Retries)
	}
	if c := (trigger.Config{}).WithDefaults(); c.Poll != d.Trigger.Poll || c.BatchSize != d.Batch.Size {
		t.Errorf("trigger engine defaults (poll %v, batch %d) differ from the scenario's (%v, %d)", c.Poll, c.BatchSize, d.Trigger.Poll, d.Batch.Size)
	}
}

// TestProtocolStatesTheNumbers: docs/PROTOCOL.md, which readers check
// disload against, states the defaults this package holds.
func TestProtocolStatesTheNumbers(t *testing.T) {
	b, err := os.ReadFile("../../docs/PROTOCOL.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	for _, want := range []string{
		"| 1–10,000 records | 100 |",
		"| 30 s |",
		"disload's default: " + platform.LocalPollInterval.String(),
		"up to 4 MiB",
		"1–1,000 messages",
		"0–3 retries, default 1",
		"6 MB (read as 6 MiB",
		"common** partition takes 1 MB/s or 1,000",
		"advanced** one 5 MB/s or 2,000",
		"0.20 USD per",
		"0.00001667 USD per GB-s",
		"free 400,000",
		"these: " + platform.PriceDate,
		"default " + strconv.Itoa(platform.MaxInstances) + ")",
		"(seconds, default " + strconv.Itoa(int(platform.FunctionTimeout/time.Second)) + ")",
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("docs/PROTOCOL.md does not say %q", want)
		}
	}
}
