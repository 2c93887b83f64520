// Command gobootstrap is a custom runtime bootstrap written in Go, as the
// platform's documented Go example: loop over the runtime API at
// $RUNTIME_API_ADDR, answer each event with its length.
package main

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"time"
)

func main() {
	base := "http://" + os.Getenv("RUNTIME_API_ADDR") + "/v1/runtime/invocation/"
	for {
		resp, err := http.Get(base + "request")
		if err != nil {
			time.Sleep(50 * time.Millisecond)
			continue
		}
		event, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		id := resp.Header.Get("X-Cff-Request-Id")
		if err != nil || id == "" {
			time.Sleep(50 * time.Millisecond)
			continue
		}
		body := []byte(strconv.Itoa(len(event)))
		r, err := http.Post(base+"response/"+id, "text/plain", bytes.NewReader(body))
		if err != nil {
			fmt.Fprintln(os.Stderr, "post:", err)
			continue
		}
		io.Copy(io.Discard, r.Body) //nolint:errcheck // drained for keep-alive
		r.Body.Close()
	}
}
