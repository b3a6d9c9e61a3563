import { compileOptionsFromYaml, defaultCompileOptions, type CompileOptions } from "@bosun/kube";
import type { CommandIo } from "./command.js";
import { defaultFiltersFromDirectory } from "./default-filters-dir.js";
import { readText } from "./files.js";
import { InputError, readError } from "./input-error.js";

/** The command-line options every command that compiles objects takes. */
export const compileOptionFlags = {
  options: { type: "string" },
  "default-filters-dir": { type: "string" },
  "gateway-controller-name": { type: "string" },
  "endpoint-slices": { type: "boolean", default: false },
  "kubernetes-enable-tls": { type: "boolean", default: false },
} as const;

export const compileOptionFlagsHelp = `  --options FILE           the compilers' options, with the keys of the conformance fixtures'
                           .kube files (httpsRedirect, default-lb-algorithm, ...)
  --default-filters-dir DIR
                           default filters: files named <service>.<namespace>, each an eskip
                           filter chain prepended to routes of that service
  --gateway-controller-name NAME
                           the GatewayClasses with this controllerName are bosun's
                           (default ${defaultCompileOptions.gatewayControllerName})
  --endpoint-slices        find a Service's endpoints in EndpointSlices, not Endpoints
                           (Skipper's -enable-kubernetes-endpointslices)
  --kubernetes-enable-tls  read the TLS Secrets of Ingresses and RouteGroups: checked, and
                           served on the proxy's own address by SNI (Skipper's flag)`;

export interface CompileOptionValues {
  readonly options?: string | undefined;
  readonly "default-filters-dir"?: string | undefined;
  readonly "gateway-controller-name"?: string | undefined;
  readonly "endpoint-slices"?: boolean | undefined;
  readonly "kubernetes-enable-tls"?: boolean | undefined;
}

/**
 * The compilers' options of `compile`, `validate`, `status` and `serve --manifests`: the options
 * file (the keys of the conformance fixtures' .kube files), the default filters directory and
 * the Gateway controller name. Undefined once the options file's problems are on stderr; a file
 * that does not read is an InputError.
 */
export async function readCompileOptions(values: CompileOptionValues, io: CommandIo): Promise<CompileOptions | undefined> {
  const file = values.options;
  const filtersDir = values["default-filters-dir"];
  let options = defaultCompileOptions;
  if (file !== undefined) {
    const read = compileOptionsFromYaml(await readText(file));
    if (read.problems.length > 0) {
      for (const problem of read.problems) io.stderr(`${file}: ${problem}\n`);
      return undefined;
    }
    options = read.options;
  }
  if (filtersDir !== undefined) {
    try {
      options = { ...options, defaultFilters: await defaultFiltersFromDirectory(filtersDir) };
    } catch (error) {
      throw new InputError(`cannot read the default filters in ${filtersDir}: ${readError(error)}`);
    }
  }
  const controllerName = values["gateway-controller-name"];
  if (controllerName !== undefined) options = { ...options, gatewayControllerName: controllerName };
  if (values["kubernetes-enable-tls"]) options = { ...options, enableTls: true };
  return values["endpoint-slices"] ? { ...options, endpointSlices: true } : options;
}
