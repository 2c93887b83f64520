package scenarios

import (
	"github.com/disload/disload/internal/generator"
	yaml "go.yaml.in/yaml/v3"
)

// root decodes the top-level mapping into s.
func (d *decoder) root(n *yaml.Node, s *Scenario) {
	d.keys[""] = nodePos(n)
	d.mapping("", n, fields{
		"name":        strF(&s.Name),
		"description": strF(&s.Description),
		"seed":        intF(&s.Seed),
		"stream":      sub(&s.Stream, (*decoder).stream),
		"records":     sub(&s.Records, (*decoder).records),
		"batch":       sub(&s.Batch, (*decoder).batch),
		"load":        sub(&s.Load, (*decoder).load),
		"trigger":     sub(&s.Trigger, (*decoder).trigger),
		"target":      sub(&s.Target, (*decoder).target),
		"thresholds":  thresholdsF(&s.Thresholds, &s.AbortThresholds),
		"cost":        sub(&s.Cost, (*decoder).costBlock),
	})
}

// stream decodes the stream section.
func (d *decoder) stream(path string, n *yaml.Node, s *Stream) {
	d.mapping(path, n, fields{
		"name":            strF(&s.Name),
		"partitions":      intF(&s.Partitions),
		"tag":             strF(&s.Tag),
		"partition_type":  strF(&s.PartitionType),
		"sequence_offset": intF(&s.SequenceOffset),
		"dialect":         strF(&s.Dialect),
		"start_time":      timeF(&s.StartTime),
	})
}

// records decodes the records section.
func (d *decoder) records(path string, n *yaml.Node, r *Records) {
	d.mapping(path, n, fields{
		"kinds":    sub(&r.Kinds, (*decoder).kinds),
		"keys":     sub(&r.Keys, (*decoder).keyConfig),
		"encoding": strF(&r.Encoding),
		"size":     sub(&r.Size, (*decoder).sizeShape),
	})
}

// kinds decodes the record mix: each entry a kind name or a mapping.
func (d *decoder) kinds(path string, n *yaml.Node, ks *[]generator.KindWeight) {
	var out []generator.KindWeight
	d.sequence(path, n, func(ip string, it *yaml.Node) {
		kw := generator.KindWeight{Weight: 1}
		if r := resolve(it); r != nil && r.Kind == yaml.ScalarNode {
			name, _ := d.str(ip, it)
			kw.Kind = generator.Kind(name)
		} else {
			d.mapping(ip, it, fields{
				"kind":     strF(&kw.Kind),
				"weight":   floatF(&kw.Weight),
				"template": strF(&kw.Template),
			})
		}
		out = append(out, kw)
	})
	*ks = out
}

// keyConfig decodes records.keys.
func (d *decoder) keyConfig(path string, n *yaml.Node, k *Keys) {
	d.mapping(path, n, fields{
		"count": intF(&k.Count),
		"skew":  floatF(&k.Skew),
	})
}

// sizeShape decodes records.size.
func (d *decoder) sizeShape(path string, n *yaml.Node, s *generator.SizeConfig) {
	d.mapping(path, n, fields{
		"min":  sizeF(&s.Min),
		"max":  sizeF(&s.Max),
		"mean": sizeF(&s.Mean),
	})
}

// batch decodes the batch section.
func (d *decoder) batch(path string, n *yaml.Node, b *Batch) {
	d.mapping(path, n, fields{"size": intF(&b.Size)})
}

// load decodes the load section.
func (d *decoder) load(path string, n *yaml.Node, l *LoadConfig) {
	d.mapping(path, n, fields{
		"mode":        strF(&l.Mode),
		"rate":        rateF(&l.Rate),
		"duration":    durF(&l.Duration),
		"concurrency": intF(&l.Concurrency),
		"on_full":     strF(&l.OnFull),
		"stages":      sub(&l.Stages, (*decoder).stages),
		"max_events":  intF(&l.MaxEvents),
		"grace":       durF(&l.Grace),
	})
}

// stages decodes load.stages, a list of {duration, target}.
func (d *decoder) stages(path string, n *yaml.Node, ss *[]Stage) {
	var out []Stage
	d.sequence(path, n, func(ip string, it *yaml.Node) {
		var st Stage
		d.mapping(ip, it, fields{
			"duration": durF(&st.Duration),
			"target":   rateF(&st.Target),
		})
		out = append(out, st)
	})
	*ss = out
}

// trigger decodes the trigger section.
func (d *decoder) trigger(path string, n *yaml.Node, t *Trigger) {
	d.mapping(path, n, fields{
		"poll":            durF(&t.Poll),
		"serial":          boolF(&t.Serial),
		"max_fetch_bytes": sizeF(&t.MaxFetchBytes),
		"retries":         intF(&t.Retries),
		"iterator":        strF(&t.Iterator),
		"report_lag":      boolF(&t.ReportLag),
		"on_failure":      strF(&t.OnFailure),
		"write_limit":     strF(&t.WriteLimit),
	})
}

// target decodes a spec string ("inproc:decode") or a mapping.
func (d *decoder) target(path string, n *yaml.Node, t *Target) {
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

// targetSchema is the schema of a target mapping at path.
func targetSchema(path string, t *Target) fields {
	return fields{
		"type":                     strF(&t.Type),
		"name":                     strF(&t.Name),
		"path":                     strF(&t.Path),
		"args":                     strsF(&t.Args),
		"addr":                     strF(&t.Addr),
		"url":                      strF(&t.URL),
		"method":                   strF(&t.Method),
		"headers":                  envMapF(path, &t.Headers, &t.Raw),
		"tls":                      sub(&t.TLS, (*decoder).tls),
		"timeout":                  durF(&t.Timeout),
		"invoke_type":              strF(&t.InvokeType),
		"instances":                sub(&t.Instances, (*decoder).instances),
		"concurrency_per_instance": intF(&t.ConcurrencyPerInstance),
		"memory":                   intF(&t.Memory),
		"env":                      envMapF(path, &t.Env, &t.Raw),
		"userdata":                 envMapF(path, &t.Userdata, &t.Raw),
		"max_resp_body_size":       sizeF(&t.MaxRespBodySize),
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

// tls decodes target.tls.
func (d *decoder) tls(path string, n *yaml.Node, t *TLS) {
	d.mapping(path, n, fields{
		"insecure_skip_verify": boolF(&t.InsecureSkipVerify),
		"ca_file":              strF(&t.CAFile),
		"cert_file":            strF(&t.CertFile),
		"key_file":             strF(&t.KeyFile),
		"server_name":          strF(&t.ServerName),
	})
}

// instances decodes target.instances.
func (d *decoder) instances(path string, n *yaml.Node, in *Instances) {
	d.mapping(path, n, fields{
		"min": intF(&in.Min),
		"max": intF(&in.Max),
	})
}

// envMapF decodes a mapping of strings whose values may reference ${VARS};
// raw (keyed by the path under target) keeps each referencing value as
// written.
func envMapF(targetPath string, m *map[string]string, raw *map[string]string) field {
	return func(d *decoder, path string, n *yaml.Node) {
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
