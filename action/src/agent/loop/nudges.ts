/**
 * The loop's own short messages to the model. They are appended to the
 * conversation, never to the stable prefix, so they cost no cache.
 */
export const NUDGES = {
  useTools:
    "You replied without calling a tool. Continue the task with your tools, or call finish with your summary if you are done.",
  cutOff:
    "Your reply was cut off at the output limit. Continue in smaller steps: write large files in parts, using edit_file to add to them.",
  noSummary: "The agent stopped without calling finish and without a summary.",
} as const;
