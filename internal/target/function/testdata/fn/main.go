// Command fn is a FunctionGraph Go function for disload's tests. It speaks
// the runtime's protocol (net/rpc over HTTP on RUNTIME_API_ADDR, service
// Function with Invoke and HealthCheck) and reproduces the runtime's
// behaviour (docs/PROTOCOL.md §2): error texts as 4-space indented JSON, panics
// with a stack trace, async panics as status 0, "response is empty", the
// response size limit, "bad request parameters", logs on stdout as
// "<time> <request id> <message>".
//
// Knobs (environment, else RUNTIME_USERDATA keys of the same name):
//
//	FN_SLEEP=D          sleep D in every call
//	FN_SLOW=D           sleep D more while the file FN_SLOW_FILE exists
//	FN_FAIL_EVERY=N     every Nth call returns a value and an error
//	FN_EMPTY_EVERY=N    every Nth call returns nil ("response is empty")
//	FN_PANIC_EVERY=N    every Nth call panics
//	FN_HUGE_EVERY=N     every Nth call returns RUNTIME_MAX_RESP_BODY_SIZE+1 bytes
//	FN_EXIT_AT=N        call N writes the counts and exits with status 3
//	FN_DIE_AT_START=1   exit with status 2 before listening
//	FN_EXPECT_HEADERS=K=V,...  headers every call must carry (Header.Get)
//	FN_NOOP=1           skip event validation (benchmarks)
//	FN_LOG=1            log a line per call
//	FN_COUNT_DIR=DIR    write counts to DIR/PID.json on SIGTERM and on FN_EXIT_AT
//
// Calls are counted per process: N counts from 1 in every process.
package main

import (
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"net/rpc"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// knobs are the test behaviours, read once at start.
type knobs struct {
	sleep, slow                                  time.Duration
	slowFile                                     string
	failEvery, emptyEvery, panicEvery, hugeEvery int64
	exitAt                                       int64
	dieAtStart, noop, logCalls                   bool
	expect                                       map[string]string
	countDir                                     string
	maxResp                                      int
}

func main() {
	userdata := map[string]string{}
	if s := os.Getenv("RUNTIME_USERDATA"); s != "" {
		if err := json.Unmarshal([]byte(s), &userdata); err != nil {
			log.Println("Failed to Unmarshal Userdata")
		}
	}
	k, err := readKnobs(func(name string) string {
		if v, ok := os.LookupEnv(name); ok {
			return v
		}
		return userdata[name]
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, "fn:", err)
		os.Exit(2)
	}
	if k.dieAtStart {
		fmt.Fprintln(os.Stderr, "fn: dying at start as asked (FN_DIE_AT_START)")
		os.Exit(2)
	}
	f := &Function{k: k, st: newStats()}
	go f.onSignal()
	if err := rpc.RegisterName("Function", f); err != nil {
		log.Fatal(err)
	}
	rpc.HandleHTTP()
	log.Fatal(http.ListenAndServe(os.Getenv("RUNTIME_API_ADDR"), nil))
}

// readKnobs parses the knobs through get.
func readKnobs(get func(string) string) (*knobs, error) {
	k := &knobs{slowFile: get("FN_SLOW_FILE"), countDir: get("FN_COUNT_DIR"),
		dieAtStart: get("FN_DIE_AT_START") == "1", noop: get("FN_NOOP") == "1",
		logCalls: get("FN_LOG") == "1", expect: map[string]string{}}
	var errs []string
	dur := func(name string, dst *time.Duration) {
		if s := get(name); s != "" {
			d, err := time.ParseDuration(s)
			if err != nil {
				errs = append(errs, name+": "+err.Error())
			}
			*dst = d
		}
	}
	num := func(name string, dst *int64) {
		if s := get(name); s != "" {
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				errs = append(errs, name+": "+err.Error())
			}
			*dst = n
		}
	}
	dur("FN_SLEEP", &k.sleep)
	dur("FN_SLOW", &k.slow)
	num("FN_FAIL_EVERY", &k.failEvery)
	num("FN_EMPTY_EVERY", &k.emptyEvery)
	num("FN_PANIC_EVERY", &k.panicEvery)
	num("FN_HUGE_EVERY", &k.hugeEvery)
	num("FN_EXIT_AT", &k.exitAt)
	for _, kv := range strings.Split(get("FN_EXPECT_HEADERS"), ",") {
		if name, v, ok := strings.Cut(kv, "="); ok {
			k.expect[name] = v
		}
	}
	k.maxResp, _ = strconv.Atoi(os.Getenv("RUNTIME_MAX_RESP_BODY_SIZE"))
	if len(errs) > 0 {
		return nil, fmt.Errorf("bad knobs: %s", strings.Join(errs, "; "))
	}
	return k, nil
}

// onSignal writes the counts and exits on SIGTERM or SIGINT.
func (f *Function) onSignal() {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGTERM, syscall.SIGINT)
	<-ch
	f.writeCounts()
	os.Exit(0)
}

// writeCounts saves the counts to FN_COUNT_DIR/PID.json.
func (f *Function) writeCounts() {
	if f.k.countDir == "" {
		return
	}
	b, err := json.Marshal(f.st.snapshot())
	if err == nil {
		name := filepath.Join(f.k.countDir, strconv.Itoa(os.Getpid())+".json")
		err = os.WriteFile(name+".tmp", b, 0o644)
		if err == nil {
			err = os.Rename(name+".tmp", name)
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "fn: write counts:", err)
	}
}
