import { compileOptionsFromYaml, defaultCompileOptions, type CompileOptions } from "@bosun/kube";
import type { CommandIo } from "./command.js";
import { defaultFiltersFromDirectory } from "./default-filters-dir.js";
import { readText } from "./files.js";
import { InputError, readError } from "./input-error.js";

/**
 * The compilers' options of `compile` and `serve --manifests`: the options file (the keys of the
 * conformance fixtures' .kube files) and the default filters directory. Undefined once the
 * options file's problems are on stderr; a file that does not read is an InputError.
 */
export async function readCompileOptions(file: string | undefined, filtersDir: string | undefined, io: CommandIo): Promise<CompileOptions | undefined> {
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
  return options;
}
