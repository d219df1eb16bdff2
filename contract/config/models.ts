import { z } from "zod";

export const ROLE_NAMES = ["architect", "developer", "qa", "reviewer", "devops"] as const;
export type RoleName = (typeof ROLE_NAMES)[number];
export const MODEL_TIERS = ["premium", "standard", "efficient"] as const;
export type ModelTier = (typeof MODEL_TIERS)[number];

export const modelNameSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^\S+$/, { message: "must be a model id without spaces" });

// Runtime variables of the runner (ACTIONS_ID_TOKEN_REQUEST_TOKEN mints the
// OIDC token that signs results) must never be sent to a model endpoint.
const apiKeyEnvSchema = z
  .string()
  .max(100)
  .regex(/^[A-Z_][A-Z0-9_]*$/, { message: "must be an environment variable name like MY_API_KEY" })
  .refine((name) => !/^(ACTIONS|RUNNER)_/.test(name), {
    message: "must not name a GitHub Actions runtime variable (ACTIONS_*, RUNNER_*)",
  })
  .describe("Name of the environment variable holding the API key (defaults to the provider's).");

const baseUrl = (error: string) =>
  z
    .url({ protocol: /^https?$/, error })
    .max(500)
    .describe("API base URL (http or https).");

const commonEntry = {
  model: modelNameSchema.describe("Model id."),
  api_key_env: apiKeyEnvSchema.optional(),
};

export const chainEntrySchema = z.discriminatedUnion("provider", [
  z.strictObject({
    provider: z.enum(["anthropic", "openai"]),
    ...commonEntry,
    base_url: baseUrl("must be an http(s) URL").optional(),
  }),
  z.strictObject({
    provider: z.literal("openai-compatible"),
    ...commonEntry,
    base_url: baseUrl(
      "base_url is required for openai-compatible providers and must be an http(s) URL, e.g. http://localhost:11434/v1",
    ),
  }),
]);
export type ChainEntry = z.output<typeof chainEntrySchema>;

/** The chain used for a tier when a role lists none; later entries are fallbacks. */
export const TIER_CHAINS: Readonly<Record<ModelTier, readonly ChainEntry[]>> = {
  premium: [
    { provider: "anthropic", model: "claude-opus-4-1" },
    { provider: "openai", model: "gpt-4.1" },
  ],
  standard: [
    { provider: "anthropic", model: "claude-sonnet-4-5" },
    { provider: "openai", model: "gpt-4.1" },
  ],
  efficient: [
    { provider: "anthropic", model: "claude-haiku-4-5" },
    { provider: "openai", model: "gpt-4.1-mini" },
  ],
};

function roleModel(role: RoleName, tier: ModelTier) {
  return z
    .strictObject({
      tier: z.enum(MODEL_TIERS).default(tier).describe("Model class; picks the default chain."),
      chain: z
        .array(chainEntrySchema)
        .min(1)
        .max(5)
        .optional()
        .describe(
          "Models to try in order; the next is used when one is down. Default: the tier's.",
        ),
    })
    .transform((r) => ({
      tier: r.tier,
      chain: r.chain ?? TIER_CHAINS[r.tier].map((e) => ({ ...e })),
    }))
    .prefault({})
    .describe(`Models for the ${role} role (default tier: ${tier}).`);
}

export const modelsSchema = z
  .strictObject({
    architect: roleModel("architect", "standard"),
    developer: roleModel("developer", "standard"),
    qa: roleModel("qa", "efficient"),
    reviewer: roleModel("reviewer", "standard"),
    devops: roleModel("devops", "efficient"),
  })
  .prefault({})
  .describe("Models per role, with fallbacks.");
