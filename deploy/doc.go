// Package deploy holds what runs disload beyond one machine: a Containerfile
// (a static disload on a distroless base) and, under kubernetes/, an Indexed
// Job that runs N shards of a scenario side by side, a merge Job, the shared
// ReadWriteMany volume for results and the scenario's ConfigMap, and under
// grafana/ a dashboard of the run's live metrics. The package
// has no code: its test checks the manifests against the Kubernetes API
// types and the dashboard against the metrics disload serves. See
// kubernetes/README.md.
package deploy
