package render

import (
	"io"
	"os"
	"testing"

	"github.com/disload/disload/internal/reports"
)

// FuzzRender: a summary.json the reader accepts renders in every format
// without a panic (a damaged histogram may be an error).
func FuzzRender(f *testing.F) {
	for _, name := range []string{"../reports/testdata/summary.golden.json", "../reports/testdata/summary_rich.golden.json"} {
		data, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"schema":"disload/summary/v1","duration_s":-1,"intervals":[{"t_s":-1000000}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := reports.ParseSummary("summary.json", data)
		if err != nil {
			return
		}
		for _, write := range []func(io.Writer, *reports.Summary) error{WriteTable, WriteHTML, WriteIntervalsCSV} {
			_ = write(io.Discard, s)
		}
	})
}
