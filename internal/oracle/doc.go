// Package oracle holds keyvet's outside oracle for the field rules of package
// validate. It has no API: it is a generator and the tests that use its
// output.
//
// The generator, gen.js, is plain node (no npm packages). It reads the
// trimmed Smithy models in testdata/aws-models/ and runs each constrained
// string shape's ORIGINAL pattern, InstanceOSUser's lookahead and IAM's
// \uXXXX escapes included, in JavaScript's RegExp, an ECMA 262 engine (the
// dialect the Smithy pattern trait names), over boundary, class-edge and
// seeded-random strings. For each string it records the length in Unicode
// scalar values and whether the pattern and the whole length-and-pattern rule
// accept it, in testdata/oracle/<shape>.json.
//
// The tests hold every validate rule to those goldens without node, so the RE2
// rewrites in validate are proven against the models themselves and not
// against a transcription. FuzzPatternRE2 holds the rules to slow,
// hand-written matchers for each model pattern on any input; its seeds are
// the goldens' boundary strings, added with f.Add at each run, and
// testdata/fuzz/FuzzPatternRE2 holds only what fuzzing found.
//
// Regenerate the goldens with
//
//	go test ./internal/oracle -update
//
// which runs node internal/oracle/gen.js; testdata/oracle/README.md says more.
package oracle
