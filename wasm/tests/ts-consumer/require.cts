// CommonJS consumers: require() resolves to the same Node build.
import shinsei = require("shinsei-wasm");

const result: shinsei.ValidationResult = shinsei.validate("{}", new Date());
const valid: boolean = result.valid;
console.log(valid);
