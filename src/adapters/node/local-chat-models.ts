import type { LocalChatModels } from "../generative-answerer-factory.js";
import { DEFAULT_MODEL_PATH, type Environment } from "./embedder-factory.js";
import { createTransformersChatModel } from "./transformers-chat-model.js";
import { allowsRemoteModels } from "./transformers-environment.js";

/**
 * LLM_PROVIDER=transformers for the Node composition root: LLM_MODEL is looked up under
 * TRANSFORMERS_MODEL_PATH (default models/, as for the embedder), and downloads stay off
 * unless TRANSFORMERS_ALLOW_REMOTE allows them, the embedder's setting, not a second one.
 * Nothing loads here: the model loads on the first question.
 */
export function transformersChatModels(environment: Environment): LocalChatModels {
  const localModelPath = environment.TRANSFORMERS_MODEL_PATH?.trim() || DEFAULT_MODEL_PATH;
  const allowRemoteModels = allowsRemoteModels(environment);
  return ({ model, timeoutMs }) => createTransformersChatModel({ modelId: model, localModelPath, allowRemoteModels, timeoutMs });
}
