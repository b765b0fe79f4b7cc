// Independent judges of kgraph's RDF, with nothing added behind the scenes:
//   node judge.mjs shacl DATA SHAPES          -> {"conforms": bool, "results": [...]} (shacl-engine + its SPARQL plugin)
//   node judge.mjs sparql DATA [--union] QUERY... -> a JSON array: SPARQL 1.1 JSON results of each QUERY (Comunica);
//                                             --union: the default graph is the union of all graphs
// DATA and SHAPES are parsed by N3.js from their suffix (.ttl .nt .trig .nq); QUERY is a file of SPARQL text.
import { readFileSync } from 'node:fs'
import rdfDataModel from '@rdfjs/data-model'
import rdfDataset from '@rdfjs/dataset'
import { Parser, Store } from 'n3'
import { Validator } from 'shacl-engine'
import { targetResolvers, validations } from 'shacl-engine/sparql.js'
import { QueryEngine } from '@comunica/query-sparql-rdfjs-lite'

const FORMATS = { ttl: 'text/turtle', nt: 'application/n-triples', trig: 'application/trig', nq: 'application/n-quads' }

function parse (path) {
  const suffix = path.split('.').pop().toLowerCase()
  const format = FORMATS[suffix]
  if (!format) throw new Error(`judge: no parser for ${path}`)
  return new Parser({ format, factory: rdfDataModel }).parse(readFileSync(path, 'utf8'))
}

function term (t) {
  if (t.termType === 'NamedNode') return { type: 'uri', value: t.value }
  if (t.termType === 'BlankNode') return { type: 'bnode', value: t.value }
  const out = { type: 'literal', value: t.value }
  if (t.language) out['xml:lang'] = t.language
  else if (t.datatype) out.datatype = t.datatype.value
  return out
}

async function shacl (dataPath, shapesPath) {
  const data = rdfDataset.dataset(parse(dataPath))
  // shacl-engine reads rdfs:subClassOf (for sh:class and sh:targetClass) from the shapes graph,
  // where the SHACL spec reads it from the data graph; SHACL allows one graph to be both, so the
  // shapes graph is shapes.ttl plus the data: still no file but these two.
  const shapes = rdfDataset.dataset([...parse(shapesPath), ...data])
  const validator = new Validator(shapes, { factory: rdfDataModel, targetResolvers, validations })
  const report = await validator.validate({ dataset: data })
  const results = report.results.map(r => ({
    focusNode: r.focusNode && r.focusNode.term ? r.focusNode.term.value : null,
    path: r.path ? JSON.stringify(r.path.map(s => s.predicates.map(p => p.value))) : null,
    constraint: r.constraintComponent ? r.constraintComponent.value : null,
    message: (r.message || []).map(m => m.value),
    value: r.value && r.value.term ? r.value.term.value : null
  }))
  return { conforms: report.conforms, results }
}

async function sparqlAll (dataPath, args) {
  const union = args[0] === '--union'
  const store = new Store(parse(dataPath))
  const engine = new QueryEngine()
  const out = []
  for (const queryPath of union ? args.slice(1) : args) out.push(await sparql(engine, store, queryPath, union))
  return out
}

async function sparql (engine, store, queryPath, union) {
  const query = readFileSync(queryPath, 'utf8')
  const result = await engine.query(query, { sources: [store], unionDefaultGraph: union })
  if (result.resultType === 'boolean') return { head: {}, boolean: await result.execute() }
  if (result.resultType !== 'bindings') throw new Error('judge: only SELECT and ASK')
  const vars = (await result.metadata()).variables.map(v => (v.variable || v).value)
  const bindings = (await (await result.execute()).toArray()).map(row => {
    const out = {}
    for (const [key, value] of row) out[key.value] = term(value)
    return out
  })
  return { head: { vars }, results: { bindings } }
}

const [command, data, ...rest] = process.argv.slice(2)
const run = command === 'shacl' ? shacl(data, rest[0]) : command === 'sparql' ? sparqlAll(data, rest) : null
if (!run) {
  console.error('usage: node judge.mjs shacl DATA SHAPES | sparql DATA [--union] QUERY...')
  process.exit(2)
}
run.then(out => { process.stdout.write(JSON.stringify(out) + '\n') })
  .catch(error => { console.error(String(error && error.stack || error)); process.exit(1) })
