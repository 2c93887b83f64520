package scenarios

import (
	"bytes"
	"fmt"
	"time"

	yaml "go.yaml.in/yaml/v3"
)

// The file* types mirror the scenario file's layout for YAML output.
type (
	fileScenario struct {
		Name        string       `yaml:"name"`
		Description string       `yaml:"description,omitempty"`
		Seed        int64        `yaml:"seed"`
		Stream      fileStream   `yaml:"stream"`
		Records     fileRecords  `yaml:"records"`
		Batch       fileBatch    `yaml:"batch"`
		Load        fileLoad     `yaml:"load"`
		Trigger     *fileTrigger `yaml:"trigger,omitempty"`
		Target      fileTarget   `yaml:"target"`
		Thresholds  []string     `yaml:"thresholds,omitempty"`
		Cost        *fileCost    `yaml:"cost,omitempty"`
	}
	fileStream struct {
		Name           string `yaml:"name"`
		Partitions     int    `yaml:"partitions"`
		Tag            string `yaml:"tag"`
		PartitionType  string `yaml:"partition_type"`
		SequenceOffset int64  `yaml:"sequence_offset,omitempty"`
		Dialect        string `yaml:"dialect"`
		StartTime      string `yaml:"start_time"`
	}
	fileRecords struct {
		Kinds    []fileKind `yaml:"kinds"`
		Keys     fileKeys   `yaml:"keys"`
		Encoding string     `yaml:"encoding"`
		Size     *fileSize  `yaml:"size,omitempty"`
	}
	fileKind struct {
		Kind     string  `yaml:"kind"`
		Weight   float64 `yaml:"weight"`
		Template string  `yaml:"template,omitempty"`
	}
	fileKeys struct {
		Count int     `yaml:"count"`
		Skew  float64 `yaml:"skew"`
	}
	fileSize struct {
		Min  string `yaml:"min,omitempty"`
		Max  string `yaml:"max,omitempty"`
		Mean string `yaml:"mean,omitempty"`
	}
	fileBatch struct {
		Size int `yaml:"size"`
	}
	fileLoad struct {
		Mode        string      `yaml:"mode"`
		Rate        string      `yaml:"rate,omitempty"`
		Duration    string      `yaml:"duration"`
		Concurrency int         `yaml:"concurrency"`
		OnFull      string      `yaml:"on_full"`
		Stages      []fileStage `yaml:"stages,omitempty"`
		MaxEvents   int64       `yaml:"max_events,omitempty"`
		Grace       string      `yaml:"grace"`
	}
	fileStage struct {
		Duration string `yaml:"duration"`
		Target   string `yaml:"target"`
	}
	fileTrigger struct {
		Poll          string `yaml:"poll"`
		Serial        bool   `yaml:"serial"`
		MaxFetchBytes string `yaml:"max_fetch_bytes"`
		Retries       int    `yaml:"retries"`
		Iterator      string `yaml:"iterator"`
		ReportLag     bool   `yaml:"report_lag,omitempty"`
		OnFailure     string `yaml:"on_failure"`
		WriteLimit    string `yaml:"write_limit"`
	}
	fileTarget struct {
		Type                   string            `yaml:"type"`
		Name                   string            `yaml:"name,omitempty"`
		Path                   string            `yaml:"path,omitempty"`
		Args                   []string          `yaml:"args,omitempty"`
		Addr                   string            `yaml:"addr,omitempty"`
		URL                    string            `yaml:"url,omitempty"`
		Method                 string            `yaml:"method,omitempty"`
		Headers                map[string]string `yaml:"headers,omitempty"`
		TLS                    *fileTLS          `yaml:"tls,omitempty"`
		Timeout                string            `yaml:"timeout"`
		InvokeType             string            `yaml:"invoke_type,omitempty"`
		Instances              *Instances        `yaml:"instances,omitempty"`
		ConcurrencyPerInstance int               `yaml:"concurrency_per_instance,omitempty"`
		Memory                 int               `yaml:"memory,omitempty"`
		Env                    map[string]string `yaml:"env,omitempty"`
		Userdata               map[string]string `yaml:"userdata,omitempty"`
		MaxRespBodySize        string            `yaml:"max_resp_body_size,omitempty"`
	}
	fileTLS struct {
		InsecureSkipVerify bool   `yaml:"insecure_skip_verify,omitempty"`
		CAFile             string `yaml:"ca_file,omitempty"`
		CertFile           string `yaml:"cert_file,omitempty"`
		KeyFile            string `yaml:"key_file,omitempty"`
		ServerName         string `yaml:"server_name,omitempty"`
	}
)

// YAML writes the scenario, redacted (see Redacted), in the file format
// with every default spelled out; Parse reads it back to the same scenario.
func (s *Scenario) YAML() ([]byte, error) {
	r := s.Redacted()
	f := fileScenario{
		Name: r.Name, Description: r.Description, Seed: r.Seed,
		Stream:  r.Stream.file(),
		Records: r.Records.file(),
		Batch:   fileBatch{Size: r.Batch.Size},
		Load:    r.Load.file(),
		Target:  r.Target.file(),
	}
	f.Thresholds = r.Thresholds
	f.Cost = costFile(r.Cost)
	if r.Load.Mode == ModeTrigger || r.Trigger != Default().Trigger {
		f.Trigger = r.Trigger.file()
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&f); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// file lays the section out as in a scenario file.
func (st Stream) file() fileStream {
	return fileStream{
		Name: st.Name, Partitions: st.Partitions, Tag: st.Tag,
		PartitionType: string(st.PartitionType), SequenceOffset: st.SequenceOffset,
		Dialect: string(st.Dialect), StartTime: st.StartTime.Format(time.RFC3339Nano),
	}
}

// file lays the section out as in a scenario file.
func (r Records) file() fileRecords {
	f := fileRecords{Keys: fileKeys(r.Keys), Encoding: string(r.Encoding)}
	for _, k := range r.Kinds {
		f.Kinds = append(f.Kinds, fileKind{Kind: string(k.Kind), Weight: k.Weight, Template: k.Template})
	}
	if z := r.Size; z.Min != 0 || z.Max != 0 || z.Mean != 0 {
		f.Size = &fileSize{Min: optSize(z.Min), Max: optSize(z.Max), Mean: optSize(z.Mean)}
	}
	return f
}

// optSize formats a size, "" for 0.
func optSize(n int) string {
	if n == 0 {
		return ""
	}
	return FormatSize(n)
}

// file lays the section out as in a scenario file.
func (l LoadConfig) file() fileLoad {
	f := fileLoad{
		Mode: string(l.Mode), Duration: l.Duration.String(), Concurrency: l.Concurrency,
		OnFull: string(l.OnFull), MaxEvents: l.MaxEvents, Grace: l.Grace.String(),
	}
	if !l.Rate.IsZero() {
		f.Rate = l.Rate.String()
	}
	for _, st := range l.Stages {
		f.Stages = append(f.Stages, fileStage{Duration: st.Duration.String(), Target: st.Target.String()})
	}
	return f
}

// file lays the section out as in a scenario file.
func (t Trigger) file() *fileTrigger {
	return &fileTrigger{
		Poll: t.Poll.String(), Serial: t.Serial, MaxFetchBytes: FormatSize(t.MaxFetchBytes),
		Retries: t.Retries, Iterator: string(t.Iterator), ReportLag: t.ReportLag,
		OnFailure: string(t.OnFailure), WriteLimit: string(t.WriteLimit),
	}
}

// file lays the section out as in a scenario file.
func (t Target) file() fileTarget {
	f := fileTarget{
		Type: string(t.Type), Name: t.Name, Path: t.Path, Args: t.Args, Addr: t.Addr,
		URL: t.URL, Method: t.Method, Headers: t.Headers, Timeout: t.Timeout.String(),
		InvokeType: string(t.InvokeType), ConcurrencyPerInstance: t.ConcurrencyPerInstance,
		Memory: t.Memory, Env: t.Env, Userdata: t.Userdata, MaxRespBodySize: optSize(t.MaxRespBodySize),
	}
	if t.TLS != (TLS{}) {
		f.TLS = &fileTLS{t.TLS.InsecureSkipVerify, t.TLS.CAFile, t.TLS.CertFile, t.TLS.KeyFile, t.TLS.ServerName}
	}
	if t.Instances != (Instances{}) {
		in := t.Instances
		f.Instances = &in
	}
	return f
}

// Summary is a one-line description of the scenario for progress output,
// e.g. "clicks: open 500/s for 30s, 4 partitions × batch 100 → inproc:decode".
func (s *Scenario) Summary() string {
	rate := "unpaced"
	if p := s.Load.PeakRate(); !p.IsZero() {
		rate = p.String()
	}
	if s.Load.Mode == ModeTrigger {
		rate += " records"
	}
	return fmt.Sprintf("%s: %s %s for %v, %d partitions × batch %d → %s", s.Name, s.Load.Mode, rate,
		s.Load.Duration, s.Stream.Partitions, s.Batch.Size, s.Target.Spec())
}
