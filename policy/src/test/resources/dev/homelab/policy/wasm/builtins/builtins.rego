# Exercises each SDK builtin the hosts implement, compiled into builtins.tar.gz by:
#   opa build -t wasm -e builtins/result -o builtins.tar.gz builtins.rego
package builtins

result := {
	"units": [units.parse(q) | some q in input.quantities],
	"units_invalid": [q | some q in input.invalid_quantities; not units.parse(q)],
	"sprintf": sprintf("%s has %d containers: %v", [input.name, count(input.containers), input.containers]),
	"yaml": yaml.unmarshal(input.yaml),
	"yaml_valid": [yaml.is_valid(y) | some y in [input.yaml, "a: [b"]],
}
