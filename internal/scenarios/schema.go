package scenarios

import (
	"github.com/disload/disload/internal/generator"
	yaml "go.yaml.in/yaml/v3"
)

// The scenario schema, declared once. Each section's table names its keys
// in the order files are written and binds each to its field of the model
// with a typed constructor (strF, intF, durF, sizeF, rateF, ...): the
// decoder (with file:line:col errors), the YAML writer (scenarios show), the
// flag overrides (ValueFlag by path), the override bookkeeping and the
// defaults (Default; a constructor's last argument) all read these tables.
// The checks are in check.go; defaults that depend on other keys in
// decoder.finish (load.concurrency by mode) and Target.SetDefaults (by
// target type).

// rootFields is the schema of a scenario file.
func rootFields(s *Scenario) fields {
	return fields{
		{"name", strF(&s.Name)},
		{"description", strF(&s.Description).optional()},
		{"seed", intF(&s.Seed, DefaultSeed)},
		{"stream", section(func() fields { return streamFields(&s.Stream) })},
		{"records", section(func() fields { return recordsFields(&s.Records) })},
		{"batch", section(func() fields { return fields{{"size", intF(&s.Batch.Size, DefaultBatchSize)}} })},
		{"load", section(func() fields { return loadFields(&s.Load) })},
		{"trigger", section(func() fields { return triggerFields(&s.Trigger) }).omitIf(func() bool {
			return s.Load.Mode != ModeTrigger && s.Trigger == Default().Trigger
		})},
		{"target", targetF(&s.Target)},
		{"thresholds", thresholdsF(&s.Thresholds, &s.AbortThresholds)},
		{"cost", section(func() fields { return costFields(&s.Cost) }).omitIf(func() bool { return !s.Cost.Set() })},
	}
}

// streamFields is the schema of the stream section.
func streamFields(s *Stream) fields {
	return fields{
		{"name", strF(&s.Name, DefaultStreamName)},
		{"partitions", intF(&s.Partitions, 1)},
		{"tag", strF(&s.Tag, DefaultTag)},
		{"partition_type", strF(&s.PartitionType, PartitionCommon)},
		{"sequence_offset", intF(&s.SequenceOffset).optional()},
		{"dialect", strF(&s.Dialect, DialectDocumented)},
		{"start_time", timeF(&s.StartTime, DefaultStartTime)},
		{"type", strF(&s.Type, generator.StreamDIS).omitIf(func() bool { return s.Type == generator.StreamDIS })},
		{"topics", strsF(&s.Topics).optional()},
		{"region", strF(&s.Region).optional()},
		{"instance_id", strF(&s.InstanceID).optional()},
	}
}

// recordsFields is the schema of the records section.
func recordsFields(r *Records) fields {
	return fields{
		{"kinds", listF(&r.Kinds, kindFields, shortKind, generator.KindWeight{Kind: generator.KindClick, Weight: 1})},
		{"keys", section(func() fields {
			return fields{{"count", intF(&r.Keys.Count, DefaultKeyCount)}, {"skew", floatF(&r.Keys.Skew)}}
		})},
		{"encoding", strF(&r.Encoding, generator.EncodingJSON)},
		{"size", section(func() fields {
			z := &r.Size
			return fields{{"min", sizeF(&z.Min).optional()}, {"max", sizeF(&z.Max).optional()}, {"mean", sizeF(&z.Mean).optional()}}
		}).zeroWhen(func() bool { return r.Size == generator.SizeConfig{} })},
	}
}

// kindFields is the schema of one entry of records.kinds.
func kindFields(k *generator.KindWeight) fields {
	return fields{
		{"kind", strF(&k.Kind)},
		{"weight", floatF(&k.Weight, 1)},
		{"template", strF(&k.Template).optional()},
	}
}

// shortKind decodes a records.kinds entry written as just its kind's name.
func shortKind(d *decoder, path string, n *yaml.Node, k *generator.KindWeight) {
	name, _ := d.str(path, n)
	k.Kind = generator.Kind(name)
}

// loadFields is the schema of the load section.
func loadFields(l *LoadConfig) fields {
	return fields{
		{"mode", strF(&l.Mode, ModeOpen)},
		{"rate", rateF(&l.Rate).optional()},
		{"duration", durF(&l.Duration, DefaultDuration)},
		{"concurrency", intF(&l.Concurrency, DefaultOpenConcurrency)},
		{"on_full", strF(&l.OnFull, OnFullQueue)},
		{"stages", listF(&l.Stages, stageFields, nil).optional()},
		{"max_events", intF(&l.MaxEvents).optional()},
		{"grace", durF(&l.Grace, DefaultGrace)},
	}
}

// stageFields is the schema of one entry of load.stages.
func stageFields(st *Stage) fields {
	return fields{{"duration", durF(&st.Duration)}, {"target", rateF(&st.Target)}}
}

// triggerFields is the schema of the trigger section.
func triggerFields(t *Trigger) fields {
	return fields{
		{"poll", durF(&t.Poll, DefaultPoll)},
		{"serial", boolF(&t.Serial, true)},
		{"max_fetch_bytes", sizeF(&t.MaxFetchBytes, DefaultMaxFetchBytes)},
		{"retries", intF(&t.Retries, DefaultRetries)},
		{"iterator", strF(&t.Iterator, IteratorTrimHorizon)},
		{"report_lag", boolF(&t.ReportLag).optional()},
		{"on_failure", strF(&t.OnFailure, OnFailureSkip)},
		{"write_limit", strF(&t.WriteLimit, WriteLimitWarn)},
	}
}

// targetF is the target field: a spec string ("inproc:decode") or a
// mapping with the schema targetFields; written as a mapping.
func targetF(t *Target) field {
	schema := func() fields { return targetSchema("target", t) }
	f := section(schema).withDefault(func() {
		*t = Target{Type: TargetInproc, Name: DefaultInproc, Timeout: DefaultTimeout}
	})
	f.ptr = t
	f.dec = func(d *decoder, path string, n *yaml.Node) {
		if r := resolve(n); r != nil && r.Kind == yaml.ScalarNode {
			spec, _ := d.str(path, n)
			v, err := ParseTarget(spec)
			if err != nil {
				d.fail(n, path, "%v", err)
				return
			}
			*t = v
			return
		}
		*t = Target{}
		d.mapping(path, n, targetSchema(path, t))
		if t.Type == "" {
			t.Type = inferType(t)
		}
		t.SetDefaults()
	}
	return f
}

// targetSchema is the schema of a target mapping at path; only names
// the target types that take a key (another type's key is an error).
func targetSchema(path string, t *Target) fields {
	fn, all := []TargetType{TargetFunction}, []TargetType{TargetFunction, TargetRPC, TargetHTTP}
	return fields{
		{"type", strF(&t.Type)},
		{"name", strF(&t.Name).only(TargetInproc)},
		{"path", strF(&t.Path).only(fn...)},
		{"args", strsF(&t.Args).only(fn...)},
		{"runtime", strF(&t.Runtime).only(TargetFunction)},
		{"handler", strF(&t.Handler).only(TargetFunction)},
		{"initializer", strF(&t.Initializer).only(TargetFunction)},
		{"addr", strF(&t.Addr).only(TargetRPC)},
		{"url", strF(&t.URL).only(TargetHTTP)},
		{"method", strF(&t.Method).only(TargetHTTP)},
		{"headers", envMapF(path, &t.Headers, &t.Raw).only(all...)},
		{"tls", section(func() fields { return tlsFields(&t.TLS) }).zeroWhen(func() bool { return t.TLS == TLS{} }).only(TargetHTTP)},
		{"timeout", durF(&t.Timeout)},
		{"invoke_type", strF(&t.InvokeType).only(TargetFunction, TargetRPC)},
		{"instances", section(func() fields {
			return fields{{"min", intF(&t.Instances.Min)}, {"max", intF(&t.Instances.Max)}}
		}).zeroWhen(func() bool { return t.Instances == Instances{} }).only(fn...)},
		{"concurrency_per_instance", intF(&t.ConcurrencyPerInstance).only(fn...)},
		{"memory", intF(&t.Memory).only(TargetFunction, TargetInproc, TargetRPC)},
		{"env", envMapF(path, &t.Env, &t.Raw).only(fn...)},
		{"userdata", envMapF(path, &t.Userdata, &t.Raw).only(fn...)},
		{"max_resp_body_size", sizeF(&t.MaxRespBodySize).only(fn...)},
	}
}

// tlsFields is the schema of target.tls.
func tlsFields(t *TLS) fields {
	return fields{
		{"insecure_skip_verify", boolF(&t.InsecureSkipVerify).optional()},
		{"ca_file", strF(&t.CAFile).optional()},
		{"cert_file", strF(&t.CertFile).optional()},
		{"key_file", strF(&t.KeyFile).optional()},
		{"server_name", strF(&t.ServerName).optional()},
	}
}

// inferType guesses a target mapping's type from its endpoint field when
// "type" is left out; "" when there is none.
func inferType(t *Target) TargetType {
	switch {
	case t.URL != "":
		return TargetHTTP
	case t.Addr != "":
		return TargetRPC
	case t.Path != "":
		return TargetFunction
	case t.Name != "":
		return TargetInproc
	}
	return ""
}

// envMapF decodes a mapping of strings whose values may reference ${VARS};
// raw (keyed by the path under target) keeps each referencing value as
// written.
func envMapF(targetPath string, m *map[string]string, raw *map[string]string) field {
	dec := func(d *decoder, path string, n *yaml.Node) {
		out := map[string]string{}
		rel := path[len(targetPath)+1:]
		for _, e := range d.stringEntries(path, n) {
			p := join(path, e.key.Value)
			text, _ := d.str(p, e.val)
			v, err := expandEnv(text, d.lookup)
			if err != nil {
				d.fail(e.val, p, "%v", err)
			}
			if v != text {
				if *raw == nil {
					*raw = map[string]string{}
				}
				(*raw)[join(rel, e.key.Value)] = text
			}
			out[e.key.Value] = v
		}
		*m = out
	}
	return field{
		dec: dec, ptr: m,
		enc:    func() *yaml.Node { return valueNode(*m) },
		isZero: func() bool { return len(*m) == 0 },
	}
}

// stringEntries returns the entries of a free-form mapping such as headers.
func (d *decoder) stringEntries(path string, n *yaml.Node) []entry {
	r := resolve(n)
	if r == nil || r.Kind != yaml.MappingNode {
		d.fail(n, path, "expected a mapping, got %s", describe(n))
		return nil
	}
	es := d.entries(path, r, 0)
	for _, e := range es {
		d.keys[join(path, e.key.Value)] = nodePos(e.key)
	}
	return es
}
