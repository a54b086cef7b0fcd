// A dependency-free SVG bar chart: horizontal bars, one panel per group (e.g. per encoding), one bar
// per series within each row, the value written after each bar. Plain strings, escaped.
//
//   barChart({ title, subtitle, series: ["docs", "files"], groups: [{ title, bars: [{ label, values: [n, n] }] }] })

const COLORS = ["#2f6fb3", "#9cc3e6", "#c0504d", "#f2b8b6"];
const escape = (s) => String(s).replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

export function barChart({ title, subtitle = "", series, groups, width = 860 }) {
  const labelWidth = 170, valueWidth = 60, barHeight = 12, rowGap = 8, panelGap = 26, top = 72;
  const plotWidth = width - labelWidth - valueWidth - 20;
  const max = Math.max(1e-9, ...groups.flatMap((g) => g.bars.flatMap((b) => b.values.filter(Number.isFinite))));
  const parts = [];
  let y = top;
  parts.push(`<text x="10" y="22" font-size="14" font-weight="bold">${escape(title)}</text>`);
  parts.push(`<text x="10" y="38" font-size="10" fill="#555">${escape(subtitle)}</text>`);
  series.forEach((name, i) => {
    const x = 10 + i * 180;
    parts.push(`<rect x="${x}" y="48" width="12" height="12" fill="${COLORS[i % COLORS.length]}"/>`);
    parts.push(`<text x="${x + 18}" y="58" font-size="12">${escape(name)}</text>`);
  });
  for (const group of groups) {
    y += 14;
    parts.push(`<text x="10" y="${y}" font-size="13" font-weight="bold">${escape(group.title)}</text>`);
    y += 8;
    for (const bar of group.bars) {
      const rowHeight = bar.values.length * barHeight;
      parts.push(`<text x="${labelWidth - 8}" y="${y + rowHeight / 2 + 4}" font-size="12" text-anchor="end">${escape(bar.label)}</text>`);
      bar.values.forEach((v, i) => {
        if (!Number.isFinite(v)) return;
        const w = Math.max(1, (v / max) * plotWidth);
        const by = y + i * barHeight;
        parts.push(`<rect x="${labelWidth}" y="${by}" width="${w.toFixed(1)}" height="${barHeight - 2}" fill="${COLORS[i % COLORS.length]}"/>`);
        parts.push(`<text x="${(labelWidth + w + 4).toFixed(1)}" y="${by + barHeight - 3}" font-size="10">${v >= 100 ? v.toFixed(0) : v.toFixed(1)}</text>`);
      });
      y += rowHeight + rowGap;
    }
    y += panelGap - rowGap;
  }
  const height = y + 10;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    ...parts,
    `</svg>`,
    "",
  ].join("\n");
}
