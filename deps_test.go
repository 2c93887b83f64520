package disload_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestScenariosDeps: the scenario model checks thresholds with the
// threshold language alone; the renderers (html/template, tablewriter)
// stay out of the config package's imports.
func TestScenariosDeps(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "./internal/scenarios").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, banned := range []string{"html/template", "tablewriter", modulePath + "/internal/reports"} {
			if dep == banned || strings.Contains(dep, "/"+banned) {
				t.Errorf("internal/scenarios depends on %s (the threshold language lives in internal/threshold)", dep)
			}
		}
	}
}
