package cli

import (
	"strings"
	"testing"

	"github.com/disload/disload/internal/scenarios"
)

func TestApplyInstances(t *testing.T) {
	for _, tc := range []struct {
		target, spec string
		want         scenarios.Instances
		err          string
	}{
		{"function:./fn", "1:4", scenarios.Instances{Min: 1, Max: 4}, ""},
		{"function:./fn", "3", scenarios.Instances{Min: 3, Max: 3}, ""},
		{"function:./fn", "0:4", scenarios.Instances{}, `--instances: "0:4": want MIN:MAX with 1 <= MIN <= MAX <= 1000`},
		{"function:./fn", "4:2", scenarios.Instances{}, "want MIN:MAX"},
		{"function:./fn", "1:1001", scenarios.Instances{}, "want MIN:MAX"},
		{"function:./fn", "a:b", scenarios.Instances{}, "want MIN:MAX"},
		{"inproc:noop", "1:4", scenarios.Instances{}, "--instances: only function targets (function:PATH) run instances; this target is inproc:noop"},
		{"rpc://127.0.0.1:9", "1:4", scenarios.Instances{}, "this target is rpc://127.0.0.1:9"},
	} {
		t.Run(tc.target+" "+tc.spec, func(t *testing.T) {
			sc, err := instancesScenario(tc.target, tc.spec)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Errorf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if sc.Target.Instances != tc.want {
				t.Errorf("instances %+v, %v; want %+v", sc.Target.Instances, err, tc.want)
			}
		})
	}
}

// FuzzApplyInstances: any --instances text is taken within bounds or
// refused with an error naming the flag; nothing panics.
func FuzzApplyInstances(f *testing.F) {
	for _, s := range []string{"1:4", "3", "0:4", ":", "1:", "-1:-2", "99999999999999999999:1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, spec string) {
		sc, err := instancesScenario("function:./fn", spec)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "--instances") {
				t.Fatalf("error %q does not name the flag", err)
			}
			return
		}
		in := sc.Target.Instances
		if in.Min < 1 || in.Max < in.Min || in.Max > scenarios.MaxFunctionInstances {
			t.Fatalf("%q taken as %+v", spec, in)
		}
	})
}

// instancesScenario is a scenario with target and --instances spec applied
// as the run command applies them.
func instancesScenario(target, spec string) (*scenarios.Scenario, error) {
	return scenarios.Parse("t.yaml", []byte("name: t\nload: {rate: 10/s}\n"),
		scenarios.TargetFlag("--target", target), instancesFlag(spec))
}
