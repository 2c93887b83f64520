package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/disload/disload/corpus"
	"github.com/disload/disload/internal/generator"
	"github.com/disload/disload/internal/reports"
)

type genFlags struct {
	n          int64
	out        string
	seed       int64
	partitions int
	batch      int
	shard      string
}

func newGenCmd(stdout, _ io.Writer) *cobra.Command {
	var f genFlags
	cmd := &cobra.Command{
		Use:   "gen [SCENARIO] -n EVENTS -o FILE.jsonl|DIR/",
		Short: "Write a fixture corpus of DIS trigger events for unit tests",
		Long: `gen writes EVENTS DIS trigger events generated from SCENARIO (a YAML path or
a built-in name: default, clicks, transactions, logs, locations, mixed; none =
default). The same seed always gives byte-identical events.

-o FILE.jsonl (or .ndjson) writes one compact event per line; -o DIR/ (a path
ending in /, or an existing directory) writes one indented event-000001.json
per event, ready for //go:embed in your tests. Files are written to a temporary
name and renamed, so a corpus is never half-written.

--shard I/N keeps, of the stream's first EVENTS events, those of the
partitions p with p mod N = I (the rule of run --max-events): the N shards
together are exactly "gen -n EVENTS", each event once.`,
		Example: `  disload gen clicks -n 1000 -o clicks.jsonl
  disload gen transactions -n 20 --seed 7 -o testdata/events/
  disload gen my-scenario.yaml -n 500 --partitions 8 --shard 0/2 -o part0.jsonl
  disload gen logs -n 50 --batch 10 -o logs.jsonl
  disload gen clicks -n 600 --partitions 6 --shard 1/3 --batch 10 -o shard1.jsonl`,
		Args: usageArgs(cobra.MaximumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runGen(cmd, args, &f, stdout)
		},
	}
	fl := cmd.Flags()
	fl.Int64VarP(&f.n, "events", "n", 0, "number of events to write (required)")
	fl.StringVarP(&f.out, "out", "o", "", "output: FILE.jsonl or DIR/ (required)")
	fl.Int64Var(&f.seed, "seed", 0, "seed (default: the scenario's)")
	fl.IntVar(&f.partitions, "partitions", 0, "number of partitions (default: the scenario's)")
	fl.IntVar(&f.batch, "batch", 0, "records per event, 1-10000 (default: the scenario's)")
	fl.StringVar(&f.shard, "shard", "", "I/N: only partitions p with p mod N = I")
	return cmd
}

func runGen(cmd *cobra.Command, args []string, f *genFlags, stdout io.Writer) error {
	if f.n <= 0 {
		return usageError{fmt.Errorf("-n EVENTS is required and must be > 0")}
	}
	if f.out == "" {
		return usageError{fmt.Errorf("-o FILE.jsonl|DIR/ is required")}
	}
	cfg, err := genConfig(cmd, args, f)
	if err != nil {
		return err
	}
	src, err := generator.New(cfg)
	if err != nil {
		return err
	}
	n := f.n
	if cfg.Shards > 1 {
		// The stream's first n events, of which this shard keeps its own
		// (run --max-events's rule): the shards together are gen -n n.
		n = src.ShardEvents(n)
	}
	next := func(dst []byte) []byte { b, _ := src.Next(dst); return b }
	if isDirTarget(f.out) {
		err = corpus.WriteDir(f.out, n, next)
	} else {
		err = reports.WriteFileAtomic(f.out, func(w io.Writer) error {
			return corpus.WriteLines(w, n, next)
		})
	}
	if err != nil {
		return err
	}
	if cfg.Shards > 1 {
		_, err = fmt.Fprintf(stdout, "wrote %d events (shard %d/%d of the stream's first %d) to %s\n", n, cfg.Shard, cfg.Shards, f.n, f.out)
		return err
	}
	_, err = fmt.Fprintf(stdout, "wrote %d events to %s\n", n, f.out)
	return err
}

func isDirTarget(out string) bool {
	if strings.HasSuffix(out, "/") || strings.HasSuffix(out, string(filepath.Separator)) {
		return true
	}
	st, err := os.Stat(out)
	return err == nil && st.IsDir()
}

// genConfig resolves the scenario and applies the flags that were set.
func genConfig(cmd *cobra.Command, args []string, f *genFlags) (generator.Config, error) {
	sc, err := resolveScenario(args, streamOverrides(cmd, f.seed, f.partitions, f.batch)...)
	if err != nil {
		return generator.Config{}, err
	}
	cfg := sc.GeneratorConfig()
	cfg.Shard, cfg.Shards, err = parseShard(f.shard)
	return cfg, err
}
