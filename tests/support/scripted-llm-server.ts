/**
 * The scripted OpenAI-compatible chat server (real HTTP on 127.0.0.1, scripted scenarios,
 * every request recorded): one implementation, in src/bench/scripted-llm-server.ts, because
 * `npm run bench -- --only generative` runs it too. Read its header for the scenarios.
 */
export { refusedBaseUrl, startScriptedLlmServer } from "../../src/bench/scripted-llm-server.js";
export type { RecordedRequest, Script, ScriptedLlmServer, ScriptedMessage, ScriptedScenario } from "../../src/bench/scripted-llm-server.js";
