module example.com/dis-handler

go 1.26.8

require github.com/disload/disload v0.0.0

require (
	github.com/HdrHistogram/hdrhistogram-go v1.4.0 // indirect
	github.com/brianvoe/gofakeit/v6 v6.28.0 // indirect
	go.yaml.in/yaml/v3 v3.0.6 // indirect
	golang.org/x/sys v0.50.0 // indirect
)

replace github.com/disload/disload => ../..
