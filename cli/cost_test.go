package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/disload/disload/internal/reports"
)

// TestCostFlags: --memory and the price flags reach the summary's cost
// block; a wrong value names its flag.
func TestCostFlags(t *testing.T) {
	tests := []exitCase{
		{[]string{"run", "-t", "inproc:noop", "-r", "20/s", "-d", "300ms", "--memory", "512", "--currency", "EUR"}, exitOK, "per M records EUR"},
		{[]string{"run", "-t", "inproc:noop", "-r", "20/s", "-d", "300ms", "--memory", "-5"}, exitUsage, "--memory: target.memory: must not be negative"},
		{[]string{"run", "-t", "http://127.0.0.1:1/", "--memory", "256", "--dry-run"}, exitUsage, "--memory: target.memory: only for function, inproc or rpc targets"},
		{[]string{"run", "-r", "5/s", "--price-per-gb-s", "-1", "--dry-run"}, exitUsage, "--price-per-gb-s: cost.per_gb_s: must be a price"},
		{[]string{"run", "-r", "5/s", "--price-per-million-requests", "abc"}, exitUsage, "price-per-million-requests"},
		{[]string{"run", "-r", "5/s", "--currency", "", "--dry-run"}, exitUsage, "--currency: cost.currency: must not be empty"},
		{[]string{"run", "-r", "5/s", "--sweep", "batch=10,50", "--dry-run"}, exitUsage, "--sweep: needs trigger mode"},
		{[]string{"run", "-r", "5/s", "--mode", "trigger", "--sweep", "cpu=1", "--dry-run"}, exitUsage, "--sweep: want batch=V1,V2"},
		{[]string{"run", "-r", "5/s", "--mode", "trigger", "-t", "http://127.0.0.1:1/", "--sweep", "memory=128,256", "--dry-run"}, exitUsage,
			"--sweep: memory needs a function, inproc or rpc target"},
		{[]string{"run", "-r", "5/s", "--mode", "trigger", "--sweep", "batch=10,50", "--dry-run"}, exitOK, "mode: trigger"},
	}
	checkExits(t, tests)
}

// TestCostInSummary: summary.json's cost block holds the flags' memory and
// prices; a threshold on the cost per million records is judged.
func TestCostInSummary(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	code, out, errOut := cli(t, "run", "-t", "inproc:sleep:10ms", "-r", "20/s", "-d", "500ms", "--memory", "1024",
		"--price-per-gb-s", "1", "--price-per-million-requests", "0", "--threshold", "cost_per_million_records<1e-9",
		"-o", dir, "--no-progress")
	if code != exitThreshold {
		t.Fatalf("exit %d, want %d (the cost threshold crossed):\n%s%s", code, exitThreshold, out, errOut)
	}
	data, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s reports.Summary
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	c := s.Cost
	if c == nil || c.MemoryMB != 1024 || c.Prices.PerGBs != 1 || c.RequestCost != 0 {
		t.Fatalf("cost %+v: want memory 1024, 1/GB-s, no request cost", c)
	}
	// 1 GB at 1 per GB-s: the compute cost is the billed seconds.
	if c.BilledMs < 10*c.Invocations || c.ComputeCost != float64(c.BilledMs)/1000 {
		t.Errorf("billed %d ms over %d calls of 10 ms, compute cost %v", c.BilledMs, c.Invocations, c.ComputeCost)
	}
}
