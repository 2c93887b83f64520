package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// sinkStats is what the sink's /_sink/stats answers.
type sinkStats struct {
	Requests int64   `json:"requests"`
	P50us    float64 `json:"p50_us"`
	P99us    float64 `json:"p99_us"`
}

// sinkProc is the running HTTP sink (bench/sink), on 127.0.0.1.
type sinkProc struct {
	cmd  *exec.Cmd
	addr string
	http *http.Client
}

// startSink starts the sink binary with -delay delay and waits until it
// listens.
func startSink(ctx context.Context, bin, dir string, delay time.Duration) (*sinkProc, error) {
	addrFile := filepath.Join(dir, "sink.addr")
	_ = os.Remove(addrFile)
	log, err := os.Create(filepath.Join(dir, "sink.log"))
	if err != nil {
		return nil, err
	}
	defer log.Close()
	cmd := exec.CommandContext(ctx, bin, "-addr", "127.0.0.1:0", "-addr-file", addrFile, "-delay", delay.String())
	cmd.Stdout, cmd.Stderr = log, log
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &sinkProc{cmd: cmd, http: &http.Client{Timeout: 5 * time.Second}}
	for range 100 {
		if data, err := os.ReadFile(addrFile); err == nil && strings.HasSuffix(string(data), "\n") {
			s.addr = strings.TrimSpace(string(data))
			return s, nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.stop()
	return nil, fmt.Errorf("sink: did not listen within 5s (see %s)", log.Name())
}

// url is where the load goes.
func (s *sinkProc) url() string { return "http://" + s.addr + "/" }

// reset clears the sink's figures.
func (s *sinkProc) reset() error {
	resp, err := s.http.Post("http://"+s.addr+"/_sink/reset", "text/plain", nil)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// stats returns the sink's figures since the last reset.
func (s *sinkProc) stats() (sinkStats, error) {
	var st sinkStats
	resp, err := s.http.Get("http://" + s.addr + "/_sink/stats")
	if err != nil {
		return st, err
	}
	defer resp.Body.Close()
	return st, json.NewDecoder(resp.Body).Decode(&st)
}

// stop ends the sink and waits for it.
func (s *sinkProc) stop() {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	_ = s.cmd.Wait()
}
