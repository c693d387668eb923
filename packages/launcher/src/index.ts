export { launch, type LaunchedProcess, type LaunchOptions } from './launch.js';
export { freePort } from './free-port.js';
export { createPrettyLog } from './pretty-log.js';
