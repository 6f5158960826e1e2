/**
 * `chains` chains of producer → topic → filter → consumer (4 nodes and 3 edges each, endless producers), in
 * columns of chains so the whole flow fits a 16:9 pane at about 0.2 (300 nodes) or 0.12 (1,000 nodes).
 */
export function bigFlow(chains: number) {
  const nodes: object[] = [];
  const edges: object[] = [];
  const columns = Math.ceil(Math.sqrt(chains / 5));
  const perColumn = Math.ceil(chains / columns);
  for (let c = 0; c < chains; c += 1) {
    const row = (c % perColumn) * 170;
    const left = Math.floor(c / perColumn) * 1300;
    const ids = [`p${c}`, `t${c}`, `f${c}`, `c${c}`];
    nodes.push(
      {
        id: ids[0],
        kind: 'producer',
        label: `Producer ${c}`,
        position: { x: left, y: row },
        config: { eventType: 'OrderPlaced', rate: 5 },
      },
      {
        id: ids[1],
        kind: 'topic',
        label: `Topic ${c}`,
        position: { x: left + 300, y: row },
        config: { partitions: 3 },
      },
      {
        id: ids[2],
        kind: 'filter',
        label: `Filter ${c}`,
        position: { x: left + 600, y: row },
        config: { expression: 'data.total > 100' },
      },
      {
        id: ids[3],
        kind: 'consumer',
        label: `Consumer ${c}`,
        position: { x: left + 900, y: row },
        config: { instances: 2 },
      },
    );
    for (let i = 0; i < 3; i += 1) edges.push({ id: `e${c}-${i}`, source: ids[i], target: ids[i + 1] });
  }
  return { format: 'eventflow.flow', version: 1, name: `Perf ${chains * 4}`, nodes, edges };
}
