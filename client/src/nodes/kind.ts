import type { ConfigOf, NodeKind } from '@eventflow/shared';

/**
 * The client's plain data about one kind (no React), in `nodes/<kind>/meta.ts`. Canvas geometry, the image
 * export, the minimap and the run views read it through `kindMeta`; the React parts are in `ClientKind`.
 */
export interface KindMeta<K extends NodeKind> {
  /** One sentence for the palette tooltip: what this kind does. */
  blurb: string;
  /** The kind's colour per theme; `KindColours` turns it into the CSS variable `--<kind>` once. */
  colour: { light: string; dark: string };
  /** The icon as one SVG path on lucide's 24×24 grid, stroked (the image export draws it). */
  iconPath: string;
  /** Footprint in flow units (px at zoom 1), fixed whether idle or running. */
  size: { width: number; height: number };
  /** Which sides carry a plain handle (drawn by NodeShell, placed by canvas/node-geometry.ts). */
  ports: { inputs: boolean; outputs: boolean };
  /** One line summing up a config, as the node's body does (the image export prints it). */
  detail: (config: ConfigOf<K>) => string;
  /** The CloudEvent type of what a node of this kind creates, for colouring run dots; undefined if none. */
  creates?: (config: ConfigOf<K>) => string | undefined;
  /** "Fire event" can publish from it by hand. */
  firable: boolean;
  /** It is a subscriber: every event of a topic it reads is owed an outcome at it (the event detail lists them). */
  subscriber: boolean;
  /** It lets events pass or stops them (the event detail blames it for what its subscribers never got). */
  gate: boolean;
  /** A log others read: its sparkline draws lag, and its expired count sits on its own figures' lag line. */
  lags?: boolean;
  /** What the run summary's latency row of this kind measures; absent when it keeps no histogram. */
  latencyHint?: string;
}
