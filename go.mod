module github.com/keyvet/keyvet

go 1.25.0

require (
	github.com/google/go-cmp v0.7.0 // indirect
	golang.org/x/crypto v0.55.0 // indirect
)
