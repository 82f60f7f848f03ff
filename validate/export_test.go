package validate

// ScalarCount is scalarCount, for TestScalarCount.
var ScalarCount = scalarCount
