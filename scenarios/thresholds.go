package scenarios

import "github.com/disload/disload/reports"

// checkThreshold checks one threshold expression with the reports package,
// which evaluates them after a run.
func checkThreshold(expr string) error {
	_, err := reports.ParseThreshold(expr)
	return err
}
