// Validate RDF files with shacl-engine: an independent SHACL engine (JavaScript,
// RDF/JS), with SHACL Core and SHACL-SPARQL constraints (its SPARQL plugin, which
// runs queries with Comunica). tests/test_second_engine.py compares its reports
// with `kg validate`'s and /validate's.
//
//   node shacl-validate.mjs < jobs.json
//
// jobs.json: [{"shapes": FILE, "data": FILE}, ...]; files are Turtle, TriG, N-Triples
// or N-Quads (by extension), relative IRIs resolved against the file's URL. Named
// graphs are merged into one graph, a set (the union newsgraph validates). One JSON
// line per job: {"data", "shapes", "conforms", "report": "<sh:ValidationReport as
// N-Triples>"} or {"data", "shapes", "error"}.
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import DataModelFactory from '@rdfjs/data-model/Factory.js'
import DatasetFactory from '@rdfjs/dataset/Factory.js'
import Environment from '@rdfjs/environment'
import toNT from '@rdfjs/to-ntriples'
import { Parser } from 'n3'
import { Validator } from 'shacl-engine'
import { targetResolvers, validations } from 'shacl-engine/sparql.js'

const factory = new Environment([DataModelFactory, DatasetFactory])
const FORMATS = { ttl: 'text/turtle', trig: 'application/trig', nt: 'application/n-triples', nq: 'application/n-quads' }

function read (file) {
  const ext = file.split('.').pop().toLowerCase()
  const format = FORMATS[ext]
  if (!format) {
    throw new Error(`${file}: unknown extension (expected ${Object.keys(FORMATS).join(', ')})`)
  }
  const parser = new Parser({ format, baseIRI: pathToFileURL(file).href })
  const dataset = factory.dataset()
  for (const quad of parser.parse(readFileSync(file, 'utf8'))) {
    dataset.add(factory.quad(quad.subject, quad.predicate, quad.object))
  }
  return dataset
}

async function main () {
  const jobs = JSON.parse(readFileSync(0, 'utf8'))
  const validators = new Map()
  for (const { shapes, data } of jobs) {
    try {
      if (!validators.has(shapes)) {
        validators.set(shapes, new Validator(read(shapes), { factory, targetResolvers, validations }))
      }
      const report = await validators.get(shapes).validate({ dataset: read(data) })
      const lines = [...report.dataset].map(quad => toNT(quad))
      process.stdout.write(JSON.stringify({ data, shapes, conforms: report.conforms, report: lines.join('\n') + '\n' }) + '\n')
    } catch (err) {
      process.stdout.write(JSON.stringify({ data, shapes, error: String(err && err.message) }) + '\n')
    }
  }
}

main().catch(err => {
  process.stderr.write(`shacl-validate: ${err.message}\n`)
  process.exit(2)
})
