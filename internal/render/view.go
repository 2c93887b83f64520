// Package render writes what users read of a run's summary: the terminal
// table, the self-contained HTML report, the intervals as CSV or JSON
// lines, the live progress line, and result directories (summary.json,
// latency.hlog and report.html together, and merged ones).
package render

import "github.com/disload/disload/internal/reports"

// view is a summary as the renderers read it; their methods hang on it.
type view struct{ *reports.Summary }

// nsToMs converts nanoseconds to milliseconds.
func nsToMs(ns float64) float64 { return ns / 1e6 }
