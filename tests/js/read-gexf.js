// Reads a GEXF file with graphology-gexf (the parser sigma.js and Gephi Lite use) and prints what
// it read as JSON: {type, multi, nodes: [{key, attributes}], edges: [{key, source, target, attributes}]}.
'use strict';
const fs = require('fs');
const {MultiGraph} = require('graphology');
const gexf = require('graphology-gexf');

const graph = gexf.parse(MultiGraph, fs.readFileSync(process.argv[2], 'utf-8'), {addMissingNodes: false});
const out = {type: graph.type, multi: graph.multi, nodes: [], edges: []};
graph.forEachNode((key, attributes) => out.nodes.push({key, attributes}));
graph.forEachEdge((key, attributes, source, target) => out.edges.push({key, source, target, attributes}));
process.stdout.write(JSON.stringify(out));
