export { main } from "./main.js";
export { ExitCode, type Command, type CommandIo } from "./command.js";
