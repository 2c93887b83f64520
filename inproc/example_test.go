package inproc_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/disload/disload/inproc"
)

// A handler value becomes a target without being registered; every call
// with a deadline on its context is bounded by it.
func ExampleNewTarget() {
	orders := func(payload []byte, ctx inproc.RuntimeContext) (any, error) {
		if payload[0] != '{' {
			return "invalid data", errors.New("not a JSON object")
		}
		return "ok from " + ctx.GetFunctionName(), nil
	}
	tgt, err := inproc.NewTarget(orders, inproc.Options{FunctionName: "orders"})
	if err != nil {
		log.Fatal(err)
	}
	defer tgt.Close()

	for _, payload := range []string{`{"ShardID":"shardId-0000000000"}`, `[]`} {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		res := tgt.Call(ctx, []byte(payload))
		cancel()
		fmt.Printf("%s: ok=%t class=%q message=%q\n", payload, res.OK(), res.Class, res.Message)
	}
	// Output:
	// {"ShardID":"shardId-0000000000"}: ok=true class="" message=""
	// []: ok=false class="FunctionReturnError" message="not a JSON object"
}
