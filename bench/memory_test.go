package main

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

func TestHalves(t *testing.T) {
	s := []rssSample{{0, 10}, {20 * time.Second, 30}, {59 * time.Second, 20}, {60 * time.Second, 25}, {119 * time.Second, 28}}
	first, second := halves(s, 2*time.Minute)
	if first != 30 || second != 28 {
		t.Errorf("halves = %d, %d; want 30, 28", first, second)
	}
	if f, s := halves(nil, time.Minute); f != 0 || s != 0 {
		t.Errorf("halves(nil) = %d, %d", f, s)
	}
}

func TestRunSampled(t *testing.T) {
	log := filepath.Join(t.TempDir(), "log")
	samples, maxRSS, err := runSampled(context.Background(), "/bin/sh", []string{"-c", "sleep 1.2"}, log)
	if err != nil {
		t.Fatal(err)
	}
	if len(samples) < 1 || samples[0].rssKB <= 0 || maxRSS <= 0 {
		t.Errorf("%d samples (%v), max RSS %d KB: want some", len(samples), samples, maxRSS)
	}
	if _, _, err := runSampled(context.Background(), "/bin/sh", []string{"-c", "exit 99"}, log); err != nil {
		t.Errorf("exit 99 (a threshold) is no error: %v", err)
	}
	if _, _, err := runSampled(context.Background(), "/bin/sh", []string{"-c", "exit 3"}, log); err == nil {
		t.Error("exit 3 was no error")
	}
}
