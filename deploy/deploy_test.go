package deploy

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	"sigs.k8s.io/yaml"

	"github.com/disload/disload/internal/scenarios"
)

// manifests are the Kubernetes objects of deploy/kubernetes, each decoded
// strictly (an unknown or misspelt field is an error) into its API type.
type manifests struct {
	shards, merge *batchv1.Job
	pvc           *corev1.PersistentVolumeClaim
	scenario      *corev1.ConfigMap
}

func load(t *testing.T) manifests {
	t.Helper()
	var m manifests
	targets := map[string]any{
		"job.yaml":       &m.shards,
		"merge-job.yaml": &m.merge,
		"pvc.yaml":       &m.pvc,
		"configmap.yaml": &m.scenario,
	}
	files, err := filepath.Glob(filepath.Join("kubernetes", "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		dst, ok := targets[filepath.Base(f)]
		if !ok {
			t.Errorf("%s: not checked by this test; add it", f)
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := yaml.UnmarshalStrict(data, dst); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
	if m.shards == nil || m.merge == nil || m.pvc == nil || m.scenario == nil {
		t.Fatalf("missing manifests among %v", files)
	}
	return m
}

func TestManifestKinds(t *testing.T) {
	m := load(t)
	for name, tm := range map[string][2]string{
		"job.yaml":       {m.shards.APIVersion, m.shards.Kind},
		"merge-job.yaml": {m.merge.APIVersion, m.merge.Kind},
		"pvc.yaml":       {m.pvc.APIVersion, m.pvc.Kind},
		"configmap.yaml": {m.scenario.APIVersion, m.scenario.Kind},
	} {
		want := map[string][2]string{"job.yaml": {"batch/v1", "Job"}, "merge-job.yaml": {"batch/v1", "Job"},
			"pvc.yaml": {"v1", "PersistentVolumeClaim"}, "configmap.yaml": {"v1", "ConfigMap"}}[name]
		if tm != want {
			t.Errorf("%s: %v, want %v", name, tm, want)
		}
	}
}

// container returns the Job's one container, named disload.
func container(t *testing.T, j *batchv1.Job) corev1.Container {
	t.Helper()
	cs := j.Spec.Template.Spec.Containers
	if len(cs) != 1 || cs[0].Name != "disload" {
		t.Fatalf("job %s: containers %v, want one named disload", j.Name, cs)
	}
	return cs[0]
}

func env(c corev1.Container, name string) string {
	for _, e := range c.Env {
		if e.Name == name {
			return e.Value
		}
	}
	return ""
}

func TestShardsJobIsIndexed(t *testing.T) {
	m := load(t)
	spec := m.shards.Spec
	if spec.CompletionMode == nil || *spec.CompletionMode != batchv1.IndexedCompletion {
		t.Fatalf("completionMode %v, want Indexed", spec.CompletionMode)
	}
	if spec.Completions == nil || spec.Parallelism == nil || *spec.Completions != *spec.Parallelism || *spec.Completions < 2 {
		t.Fatalf("completions %v parallelism %v: want equal, at least 2", spec.Completions, spec.Parallelism)
	}
	c := container(t, m.shards)
	n := *spec.Completions
	if got := env(c, "SHARDS"); got != strconv.Itoa(int(n)) {
		t.Errorf("SHARDS = %q, want %d (the completions)", got, n)
	}
	args := strings.Join(c.Args, " ")
	for _, want := range []string{"run /scenario/scenario.yaml", "--shard $(JOB_COMPLETION_INDEX)/$(SHARDS)",
		"-o /results/shard-$(JOB_COMPLETION_INDEX)", "--no-progress"} {
		if !strings.Contains(args, want) {
			t.Errorf("args %q lack %q", args, want)
		}
	}
	if m.shards.Spec.Template.Spec.RestartPolicy != corev1.RestartPolicyNever {
		t.Errorf("restartPolicy %q, want Never (a pod failure policy needs it)", m.shards.Spec.Template.Spec.RestartPolicy)
	}
	if !exitCodeRule(m.shards, 99, batchv1.PodFailurePolicyActionFailIndex) || spec.BackoffLimitPerIndex == nil {
		t.Error("a shard crossing a threshold (exit 99) must fail its index without a retry (backoffLimitPerIndex set)")
	}
}

func exitCodeRule(j *batchv1.Job, code int32, action batchv1.PodFailurePolicyAction) bool {
	if j.Spec.PodFailurePolicy == nil {
		return false
	}
	for _, r := range j.Spec.PodFailurePolicy.Rules {
		if r.Action == action && r.OnExitCodes != nil && r.OnExitCodes.Operator == batchv1.PodFailurePolicyOnExitCodesOpIn &&
			slices.Contains(r.OnExitCodes.Values, code) {
			return true
		}
	}
	return false
}

// mountedFrom returns the volume mounted at path in the Job's container.
func mountedFrom(t *testing.T, j *batchv1.Job, path string) corev1.Volume {
	t.Helper()
	c := container(t, j)
	for _, vm := range c.VolumeMounts {
		if vm.MountPath != path {
			continue
		}
		for _, v := range j.Spec.Template.Spec.Volumes {
			if v.Name == vm.Name {
				return v
			}
		}
		t.Fatalf("job %s: mount %s names no volume %q", j.Name, path, vm.Name)
	}
	t.Fatalf("job %s: nothing mounted at %s", j.Name, path)
	return corev1.Volume{}
}

func TestVolumes(t *testing.T) {
	m := load(t)
	if !slices.Contains(m.pvc.Spec.AccessModes, corev1.ReadWriteMany) {
		t.Errorf("PVC access modes %v: every shard pod writes at once, want ReadWriteMany", m.pvc.Spec.AccessModes)
	}
	for _, j := range []*batchv1.Job{m.shards, m.merge} {
		v := mountedFrom(t, j, "/results")
		if v.PersistentVolumeClaim == nil || v.PersistentVolumeClaim.ClaimName != m.pvc.Name {
			t.Errorf("job %s: /results is %+v, want the claim %s", j.Name, v.VolumeSource, m.pvc.Name)
		}
	}
	v := mountedFrom(t, m.shards, "/scenario")
	if v.ConfigMap == nil || v.ConfigMap.Name != m.scenario.Name {
		t.Errorf("/scenario is %+v, want the ConfigMap %s", v.VolumeSource, m.scenario.Name)
	}
}

func TestScenarioLoadsAndShards(t *testing.T) {
	m := load(t)
	data, ok := m.scenario.Data["scenario.yaml"]
	if !ok {
		t.Fatal("ConfigMap has no scenario.yaml")
	}
	sc, err := scenarios.Parse("configmap.yaml:scenario.yaml", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if n := *m.shards.Spec.Completions; sc.Stream.Partitions < int(n) {
		t.Errorf("%d partitions for %d shards: a shard would have none", sc.Stream.Partitions, n)
	}
}

func TestMergeJob(t *testing.T) {
	m := load(t)
	c := container(t, m.merge)
	if got := strings.Join(c.Args, " "); got != "merge /results/shard-* -o /results/merged" {
		t.Errorf("merge args %q", got)
	}
	if !exitCodeRule(m.merge, 99, batchv1.PodFailurePolicyActionFailJob) {
		t.Error("a merged threshold crossing (exit 99) must not be retried")
	}
	if m.merge.Spec.CompletionMode != nil && *m.merge.Spec.CompletionMode == batchv1.IndexedCompletion {
		t.Error("the merge is one pod, not indexed")
	}
	readme, err := os.ReadFile(filepath.Join("kubernetes", "README.md"))
	if err != nil || !strings.Contains(string(readme), "disload merge '/results/shard-*' -o /results/merged") {
		t.Errorf("README does not document the merge step (%v)", err)
	}
}

func TestImagesAgree(t *testing.T) {
	m := load(t)
	if a, b := container(t, m.shards).Image, container(t, m.merge).Image; a != b {
		t.Errorf("shards run %s, merge %s: want one image", a, b)
	}
	cf, err := os.ReadFile("Containerfile")
	if err != nil {
		t.Fatal(err)
	}
	gomod, err := os.ReadFile(filepath.Join("..", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	goVersion := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindSubmatch(gomod)
	for _, want := range []string{"FROM docker.io/library/golang:" + string(goVersion[1]) + " AS build",
		"CGO_ENABLED=0 go build", "./cmd/disload", "FROM gcr.io/distroless/static", `ENTRYPOINT ["/usr/local/bin/disload"]`} {
		if !strings.Contains(string(cf), want) {
			t.Errorf("Containerfile lacks %q", want)
		}
	}
}

// TestStrictDecodingCatchesTypos shows that a misspelt field fails the
// checks above instead of being dropped silently.
func TestStrictDecodingCatchesTypos(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("kubernetes", "job.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	typo := strings.Replace(string(data), "completionMode:", "completionMod:", 1)
	var j batchv1.Job
	if err := yaml.UnmarshalStrict([]byte(typo), &j); err == nil || !strings.Contains(err.Error(), "completionMod") {
		t.Errorf("a misspelt field decoded without error: %v", err)
	}
}
