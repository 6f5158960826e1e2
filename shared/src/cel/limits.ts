/**
 * Bounds on user expressions. Compile-time limits are checked when a flow is loaded; evaluation limits
 * bound what one evaluation may produce, so a hostile expression fails with a message instead of
 * stalling or exhausting the engine.
 */
export const CEL_LIMITS = {
  /** Characters of source. */
  maxSourceLength: 4096,
  /** AST nodes produced by the parser. */
  maxAstNodes: 2000,
  /** Nesting depth of the grammar (calls, member selects, indexes, list/map literals). */
  maxDepth: 24,
  /** Elements in one list literal / entries in one map literal. */
  maxLiteralElements: 256,
  /** Characters in one string literal. */
  maxStringLiteral: 1024,
  /**
   * Macros (map, filter, all, exists, exists_one, cel.bind) nested inside each other. Comprehensions
   * multiply work, so two levels over literal lists stay under 256² iterations.
   */
  maxMacroNesting: 2,
  /** JSON values (objects, arrays, scalars) in one converted result. */
  maxResultValues: 10_000,
  /** Nesting depth of one converted result. */
  maxResultDepth: 32,
  /** Total string characters (keys and values) in one converted result. */
  maxResultChars: 1_000_000,
  /** Characters in a partition key. */
  maxKeyLength: 1024,
} as const;
