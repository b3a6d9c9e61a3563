export { main } from "./main.js";
export { ExitCode, type Command, type CommandIo } from "./command.js";
export { apiAccessOfCommand } from "./api-access-args.js";
