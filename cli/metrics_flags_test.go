package cli

import (
	"net"
	"strings"
	"testing"
)

// TestMetricsFlagErrors: a live metrics flag that cannot work fails before
// the load starts, exit 2, naming the flag, without the URL's secrets.
func TestMetricsFlagErrors(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--metrics-addr", busy.Addr().String()}, "--metrics-addr"},
		{[]string{"--metrics-addr", "127.0.0.1:0", "--metrics-linger", "-1s"}, "--metrics-linger"},
		{[]string{"--prometheus-rw", "ftp://user:s3cret@host/api/v1/write"}, "--prometheus-rw"},
		{[]string{"--otlp", "127.0.0.1:4318/v1/metrics?token=s3cret"}, "--otlp"},
	} {
		args := append([]string{"run", "default", "-d", "1s", "--no-progress"}, tc.args...)
		code, out, errOut := cli(t, args...)
		if code != exitUsage || !strings.Contains(errOut, tc.want) || strings.Contains(out+errOut, "s3cret") {
			t.Errorf("%v: exit %d, stderr %q; want 2 naming %s, no secret", tc.args, code, errOut, tc.want)
		}
		if strings.Contains(out, "Response") {
			t.Errorf("%v: the run went ahead: %s", tc.args, out)
		}
	}
}
