// The generator lives in the portable core (the labelled-claim generator uses it too); bench and tests import it from here as before.
export { seededRandom } from "../core/evaluation/seeded-random.js";
