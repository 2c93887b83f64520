package trigger_test

import (
	"context"
	"fmt"
	"time"

	"github.com/disload/disload/internal/generator"
	"github.com/disload/disload/internal/harness"
	"github.com/disload/disload/internal/harness/trigger"
)

// okTarget accepts every event at once.
type okTarget struct{}

func (okTarget) Invoke(context.Context, *harness.Event) harness.Outcome { return harness.Outcome{} }
func (okTarget) Close() error                                           { return nil }

// ExampleRun feeds a fast function from a generated stream of 2
// partitions for a short while, as the serial DIS trigger would.
func ExampleRun() {
	src, err := generator.New(generator.Config{Seed: 1, Partitions: 2})
	if err != nil {
		panic(err)
	}
	cfg := trigger.Config{RecordRate: 1000, Duration: 200 * time.Millisecond, BatchSize: 50,
		Poll: 10 * time.Millisecond, Serial: true, Drain: time.Second}
	res, err := trigger.Run(context.Background(), cfg, trigger.FromGenerator(src), okTarget{}, nil)
	if err != nil {
		panic(err)
	}
	fmt.Println(res.Verdict, res.Produced == res.Delivered, res.Duplicates, res.FinalLagRecords)
	// Output: keeping up true 0 0
}
