// Groups the message's files by extension, keeps the figures in variables, and returns the table.
const byExt = groupBy(nodes.map(n => ({ ext: ext(n.path) || '(none)', size: n.size })), 'ext');
const rows = Object.entries(byExt).map(([kind, files]) => ({ ext: kind, count: files.length, bytes: sum(files, 'size') }));
setVar('rows', sortBy(rows, 'ext'));
setVar('total', sum(nodes, 'size'));
console.log(`${nodes.length} files of ${rows.length} kinds`);
return rows;
