"""A small dataset shaped like docs/modelling.md, for tests that need rich data.

The extractor on a branch may be interim, so the endpoint, Linked Data and UI tests
do not depend on it: they serve this dataset instead. It is written as TriG with one
graph per document, and its text spans are computed from the document text, so
`ng:content[start:end] == oa:exact` holds as the model requires.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox

from kg.config import Config
from kg.store import begin_build, materialize_union

BASE = "https://w3id.org/newsgraph/id/"
DOC1 = "5a931f222e9fd3b8"
DOC2 = "25671219efd57e5b"
TEXT1 = (
    "Extraordinary meeting of the OTS Council of Foreign Ministers\n"
    "On 11 January 2022 the Council met by videoconference, chaired by Mevlüt Çavuşoğlu, "
    "to discuss the situation in Kazakhstan.\n"
    'Jeyhun Bayramov said: "Azerbaijan closely follows the current situation in Kazakhstan."\n'
    "The CSTO collective peacekeeping forces number 2030 personnel and 250 units of equipment; "
    "Kyrgyzstan sent 150 troops and 11 vehicles.\n"
)
TEXT2 = (
    "CSTO session on Kazakhstan\n"
    "At the CSTO session on 10 January 2022, Kassym-Jomart Tokayev said that "
    "over 16 members of law enforcement died.\n"
    "Kyrgyzstan's contingent has 150 troops and 12 vehicles.\n"
    "Vladimir Putin stated that the mission would be limited in time.\n"
)

PREFIXES = """\
@prefix ng: <https://w3id.org/newsgraph/ontology#> .
@prefix id: <https://w3id.org/newsgraph/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix schema: <https://schema.org/> .
@prefix wd: <http://www.wikidata.org/entity/> .
"""


def _lit(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _anno(doc: str, text: str, quote: str, body: str) -> tuple[str, str]:
    """(annotation IRI, its Turtle) for the first occurrence of `quote` in `text`."""
    start = text.index(quote)
    end = start + len(quote)
    a = f"{BASE}anno/{doc}/{start}-{end}"
    ttl = f"""
  <{a}> a oa:Annotation ; oa:motivatedBy oa:identifying ; oa:hasBody {body} ;
      oa:hasTarget <{a}#target> .
  <{a}#target> a oa:SpecificResource ; oa:hasSource id:doc/{doc} ;
      oa:hasSelector <{a}#quote> , <{a}#position> .
  <{a}#quote> a oa:TextQuoteSelector ; oa:exact {_lit(quote)} ;
      oa:prefix {_lit(text[max(0, start - 20) : start])} ; oa:suffix {_lit(text[end : end + 20])} .
  <{a}#position> a oa:TextPositionSelector ; oa:start {start} ; oa:end {end} ."""
    return a, ttl


def _expand_ids(ttl: str) -> str:
    """`id:doc/x` is not a legal prefixed name in Turtle ('/'): write full IRIs."""
    return re.sub(r"\bid:([A-Za-z0-9/_\-.]*[A-Za-z0-9])", lambda m: f"<{BASE}{m.group(1)}>", ttl)


def sample_trig() -> str:
    a_meeting, t_meeting = _anno(
        DOC1,
        TEXT1,
        "On 11 January 2022 the Council met by videoconference",
        "id:meeting/2022-01-11-ots",
    )
    a_st1, t_st1 = _anno(
        DOC1,
        TEXT1,
        "Azerbaijan closely follows the current situation in Kazakhstan.",
        "id:statement/s1",
    )
    a_dep1, t_dep1 = _anno(
        DOC1,
        TEXT1,
        "Kyrgyzstan sent 150 troops and 11 vehicles",
        "id:deployment/csto-kazakhstan-2022-01/kyrgyzstan",
    )
    a_claim, t_claim = _anno(DOC2, TEXT2, "over 16 members of law enforcement died", "id:claim/c1")
    a_st2, t_st2 = _anno(DOC2, TEXT2, "the mission would be limited in time", "id:statement/s2")
    return PREFIXES + _expand_ids(f"""
id:doc/{DOC1} {{
  id:doc/{DOC1} a ng:Document ;
      dcterms:title "Extraordinary meeting of the OTS Council of Foreign Ministers" ;
      schema:datePublished "2022-01-11"^^xsd:date ;
      ng:fileName "000_dd016a5c389a664a.txt" ;
      ng:content {_lit(TEXT1)} .
  id:country/kazakhstan a ng:Country ; rdfs:label "Kazakhstan"@en ; owl:sameAs wd:Q232 .
  id:country/kyrgyzstan a ng:Country ; rdfs:label "Kyrgyzstan"@en ; owl:sameAs wd:Q813 .
  id:country/turkey a ng:Country ; rdfs:label "Türkiye"@en .
  id:person/mevlut-cavusoglu a ng:Person ; rdfs:label "Mevlüt Çavuşoğlu"@en ;
      skos:altLabel "Mevlut Cavusoglu"@en ; owl:sameAs wd:Q6082 ;
      org:holds id:post/minister-of-foreign-affairs-turkey ;
      prov:wasDerivedFrom id:doc/{DOC1} .
  id:post/minister-of-foreign-affairs-turkey a org:Post ;
      rdfs:label "Minister of Foreign Affairs of Türkiye"@en ; ng:country id:country/turkey .
  id:person/jeyhun-bayramov a ng:Person ; rdfs:label "Jeyhun Bayramov"@en .
  id:org/ots-council-of-foreign-ministers a ng:Organization ;
      rdfs:label "OTS Council of Foreign Ministers"@en .
  id:meeting/2022-01-11-ots a ng:Meeting ;
      rdfs:label "Extraordinary meeting of the OTS Council of Foreign Ministers, 2022-01-11"@en ;
      ng:date "2022-01-11"^^xsd:date ; ng:organizer id:org/ots-council-of-foreign-ministers ;
      ng:chair id:person/mevlut-cavusoglu ; ng:participant id:person/jeyhun-bayramov ;
      ng:topic id:country/kazakhstan ;
      prov:wasDerivedFrom id:doc/{DOC1} ; ng:evidence <{a_meeting}> .
  id:statement/s1 a ng:Statement ; ng:speaker id:person/jeyhun-bayramov ;
      ng:date "2022-01-11"^^xsd:date ; ng:madeAt id:meeting/2022-01-11-ots ;
      ng:text "Azerbaijan closely follows the current situation in Kazakhstan." ;
      ng:about id:country/kazakhstan ;
      prov:wasDerivedFrom id:doc/{DOC1} ; ng:evidence <{a_st1}> .
  id:deployment/csto-kazakhstan-2022-01 a ng:Deployment ;
      ng:destination id:country/kazakhstan ; ng:personnel 2030 ; ng:equipmentUnits 250 ;
      ng:startDate "2022-01-06"^^xsd:date .
  id:deployment/csto-kazakhstan-2022-01/kyrgyzstan a ng:Deployment ;
      ng:partOf id:deployment/csto-kazakhstan-2022-01 ;
      ng:deployedBy id:country/kyrgyzstan ; ng:contributor id:country/kyrgyzstan ;
      ng:personnel 150 ; ng:equipmentUnits 11 ; ng:evidence <{a_dep1}> .
{t_meeting}
{t_st1}
{t_dep1}
}}

id:doc/{DOC2} {{
  id:doc/{DOC2} a ng:Document ;
      dcterms:title "CSTO session on Kazakhstan" ;
      ng:fileName "001_2be2cf31005d2202.txt" ;
      ng:content {_lit(TEXT2)} .
  id:org/csto a ng:Organization ; rdfs:label "Collective Security Treaty Organization"@en .
  id:person/kassym-jomart-tokayev a ng:Person ; rdfs:label "Kassym-Jomart Tokayev"@en .
  id:person/vladimir-putin a ng:Person ; rdfs:label "Vladimir Putin"@en ; owl:sameAs wd:Q7747 .
  id:meeting/2022-01-10-csto a ng:Meeting ; rdfs:label "CSTO session, 2022-01-10"@en ;
      ng:date "2022-01-10"^^xsd:date ; ng:organizer id:org/csto ;
      ng:chair id:person/kassym-jomart-tokayev ; ng:topic id:country/kazakhstan .
  id:claim/c1 a ng:NumericClaim ; ng:value 16 ; ng:quantityKind ng:Deaths ;
      ng:counts "members of law enforcement dead" ; ng:qualifier "over" ;
      ng:claimant id:person/kassym-jomart-tokayev ; ng:date "2022-01-10"^^xsd:date ;
      prov:wasDerivedFrom id:doc/{DOC2} ; ng:evidence <{a_claim}> .
  id:statement/s2 a ng:Statement ; ng:speaker id:person/vladimir-putin ;
      ng:madeAt id:meeting/2022-01-10-csto ;
      ng:text "the mission would be limited in time" ;
      prov:wasDerivedFrom id:doc/{DOC2} ; ng:evidence <{a_st2}> .
  id:deployment/csto-kazakhstan-2022-01/kyrgyzstan ng:personnel 150 ; ng:equipmentUnits 12 .
{t_claim}
{t_st2}
}}
""")


def sample_store() -> ox.Store:
    """The sample dataset in an in-memory store."""
    store = ox.Store()
    store.load(sample_trig().encode("utf-8"), ox.RdfFormat.TRIG)
    materialize_union(store)  # as every committed build does
    return store


def build_sample(data_dir: Path) -> None:
    """A completed build of the sample dataset in `data_dir`, as `kg build` leaves one."""
    pending = begin_build(Config(data_dir=data_dir))
    pending.store.load(sample_trig().encode("utf-8"), ox.RdfFormat.TRIG)
    pending.commit({"built": "sample", "documents": [DOC1, DOC2]})
