# Generates Sources/Repertoire/Resources/openapi.json, the API contract: edit this, run it, commit both.
import json
S=lambda **k: k
def ref(n): return {"$ref": f"#/components/schemas/{n}"}
def arr(x): return {"type":"array","items":x}
def obj(props, required=None, desc=None):
    o={"type":"object","properties":props}
    if required: o["required"]=required
    if desc: o["description"]=desc
    return o
string={"type":"string"}; integer={"type":"integer"}; boolean={"type":"boolean"}; number={"type":"number"}
regions=[f"{i:02d}" for i in range(1,18)]
sectors=["agroalimentaire-restauration","arts-culture-patrimoine","commerce-detail-friperies","communications-medias-imprimerie","environnement-recuperation-recyclage","habitation","loisirs-sports-tourisme","petite-enfance-famille","services-entreprises-organisations","services-personnes","insertion-socioprofessionnelle"]
certs=["entreprise-insertion","entreprise-adaptee","centre-petite-enfance","eco-responsable","commerce-equitable","aliments-du-quebec","ici-on-recycle"]
forms=["cooperative","cooperative-travail","cooperative-consommateurs","cooperative-producteurs","cooperative-solidarite","cooperative-travailleurs-actionnaires","obnl","mutuelle","autre"]
problem_resp=lambda d: {"description": d, "content":{"application/problem+json":{"schema":ref("Problem")}}}
json_resp=lambda d,s,headers=None: dict({"description": d, "content":{"application/json":{"schema":s}}}, **({"headers":headers} if headers else {}))
etag={"ETag":{"description":"The enterprise's version, to send back in If-Match when changing it.","schema":string}}
def listparam(name, desc, items):
    return {"name":name,"in":"query","required":False,"description":desc,"style":"form","explode":True,"schema":arr(items)}
search_params=[
 {"name":"q","in":"query","required":False,"description":"Words to search for (accents, plurals and typos tolerated). Empty: everything.","schema":{"type":"string","maxLength":500}},
 listparam("region","Administrative region codes (OR). By default the enterprises serving them (see placeMode).",{"type":"string","enum":regions}),
 listparam("municipality","Municipality geographic codes (OR). By default the enterprises serving them (see placeMode).",{"type":"string","pattern":"^[0-9]{5}$"}),
 listparam("sector","Activity sector slugs (OR).",{"type":"string","enum":sectors}),
 listparam("legalForm","Legal forms (OR).",{"type":"string","enum":forms}),
 listparam("certification","Certification slugs (OR).",{"type":"string","enum":certs}),
 {"name":"offersToMunicipalities","in":"query","required":False,"description":"Only enterprises that offer (true) or do not offer (false) something to municipalities.","schema":boolean},
 listparam("mrc","MRC codes (OR): the number in the parentheses of the municipalities' MRC, 3 digits for an MRC (460 for Brome-Missisquoi), 2 for a territory standing in for one (58 for Longueuil's agglomeration). The catalogue's spelling (\"Longueuil (58)\") is accepted too.",{"type":"string","pattern":"^([0-9]{1,3}|[^(),]*[^(),\\s][^(),]*\\([0-9]{1,3}\\))$"}),
 {"name":"placeMode","in":"query","required":False,"description":"What region, mrc and municipality mean: serves (default; the enterprises working there, from their service area: named municipalities, MRCs, regions or all of Quebec, the ones based there ranked first) or headOffice (the enterprises whose head office is there).","schema":{"type":"string","enum":["serves","headOffice"]}},
 {"name":"includeClosed","in":"query","required":False,"description":"Include closed enterprises (left out by default); they rank last.","schema":boolean},
 {"name":"everywhere","in":"query","required":False,"description":"Take q's words as words only. By default a place named in q (a municipality, MRC or region, with St/Ste/Mtl/TR abbreviations, or a postal code or its first three characters) becomes a place filter, reported in the answer's interpretation.","schema":boolean},
 {"name":"sort","in":"query","required":False,"description":"relevance (default), name (French collation), verified (most recently verified first) or local (the signed-in caller's municipality first).","schema":{"type":"string","enum":["relevance","name","verified","local"]}},
 {"name":"page","in":"query","required":False,"schema":{"type":"integer","minimum":1,"maximum":10000}},
 {"name":"perPage","in":"query","required":False,"schema":{"type":"integer","minimum":1,"maximum":100}},
]
idparam={"name":"id","in":"path","required":True,"description":"The enterprise's id or slug.","schema":{"type":"string","minLength":1}}
ifmatch={"name":"If-Match","in":"header","required":False,"description":"The version read (ETag), e.g. \"3\"; or give it as the body's version field.","schema":string}
ifmatch_required={"name":"If-Match","in":"header","required":True,"description":"The version read (ETag), e.g. \"3\".","schema":{"type":"string","pattern":"^(W/)?\"?[0-9]+\"?$"}}
write_errors={
 "400":problem_resp("Malformed request (invalid JSON, wrong type, bad If-Match)."),
 "401":problem_resp("No token, or an unknown or revoked one."),
 "403":problem_resp("The token's account may not do this: its roles do not allow editing, or the enterprise is outside its regions."),
 "409":problem_resp("The enterprise changed since the version given, or the NEQ is already used; nothing was written."),
 "413":problem_resp("Body larger than 1 MB."),
 "415":problem_resp("Body is not JSON."),
 "422":problem_resp("Some fields are invalid; every issue is listed with its field."),
}
security=[{"writeToken":[]}]
offering_in=obj({"name":string,"description":string,"kind":{"type":"string","enum":["bien","service","travaux"]},"offeredToMunicipalities":boolean},["name"])
manager=obj({"name":string,"role":string,"email":string,"phone":string},["name"],"A manager's contact: personal information (Loi 25).")
benefits=obj({"text":string,"employees":integer,"integrationEmployees":integer,"volunteers":integer,"members":integer,"peopleServed":integer})
contract=obj({"municipality":string,"year":integer,"description":string,"amount":integer},["municipality","year","description"])
coords=obj({"latitude":number,"longitude":number},["latitude","longitude"])
area=obj({"scope":{"type":"string","enum":["quebec","regions","mrcs","municipalities"],"description":"quebec: all of Quebec (no codes); regions: administrative regions; mrcs: MRCs, or the census divisions standing in for them (Longueuil, Laval, Montréal…); municipalities: municipalities."},
 "codes":dict(arr(string), description="Empty for quebec; region codes (\"16\"), MRC codes (\"460\" for the MRC Brome-Missisquoi, \"58\" for Longueuil's territory; the number in parentheses of a municipality's mrc, see /api/v1/municipalities) or 5-digit municipality codes (\"58227\"), depending on scope.")},["scope"],
 "The territory the enterprise serves.")
othername=obj({"kind":{"type":"string","enum":["legal","trade"]},"name":string},["name"])
input_schema=obj({
 "version":dict(integer, description="PUT only: the version being changed (or If-Match)."),
 "name":{"type":"string","minLength":1,"maxLength":200},"otherNames":arr(othername),"neq":dict(string, description="10 digits."),
 "legalForm":{"type":"string","enum":forms},"foundedYear":{"type":"integer","minimum":1800,"maximum":2100},"status":{"type":"string","enum":["active","closed"]},
 "mission":string,"missionEnglish":string,"sectors":arr({"type":"string","enum":sectors}),"offerings":arr(offering_in),
 "address":string,"municipalityCode":string,"postalCode":string,"regionCode":string,"coordinates":coords,"serviceArea":area,
 "phone":string,"email":string,"website":string,"managers":arr(manager),"benefits":benefits,
 "certifications":arr({"type":"string","enum":certs}),"contracts":arr(contract),"lastVerified":dict(string, description="YYYY-MM-DD"),"source":string},
 ["name","legalForm"])
reference=obj({"code":string,"name":string,"nameEnglish":string},["code","name"])
segment=obj({"text":string,"matched":boolean},["text","matched"])
links=obj({"self":string},["self"])
enterprise=obj({
 "id":string,"slug":string,"version":integer,"name":string,"otherNames":arr(othername),"neq":string,"legalForm":ref("Reference"),
 "foundedYear":integer,"status":{"type":"string","enum":["active","closed"]},"mission":string,"missionEnglish":string,
 "sectors":arr(ref("Reference")),"offerings":arr(obj({"name":string,"description":string,"kind":{"type":"string","enum":["bien","service","travaux"]},"offeredToMunicipalities":boolean},["name","kind","offeredToMunicipalities"])),
 "offersToMunicipalities":boolean,"address":string,"municipality":ref("Reference"),"postalCode":string,"region":ref("Reference"),
 "coordinates":coords,"serviceArea":area,"phone":string,"email":string,"website":string,
 "managers":dict(arr(ref("ManagerContact")), description="Only for callers allowed to see personal information."),
 "benefits":benefits,"certifications":arr(ref("Reference")),"contracts":arr(contract),"lastVerified":string,"source":string,
 "fictional":dict(boolean, description="True for the fictional demo data."),"archived":boolean,
 "createdAt":{"type":"string","format":"date-time"},"updatedAt":{"type":"string","format":"date-time"},"links":links},
 ["id","slug","version","name","otherNames","legalForm","status","sectors","offerings","offersToMunicipalities","benefits","certifications","contracts","fictional","archived","createdAt","updatedAt","links"])
summary=obj({"id":string,"slug":string,"name":string,"legalForm":{"type":"string","enum":forms},"status":{"type":"string","enum":["active","closed"]},
 "municipality":ref("Reference"),"region":ref("Reference"),"sectors":arr(string),"keyOfferings":arr(string),"offersToMunicipalities":boolean,
 "certifications":arr(string),"lastVerified":string,"fictional":boolean,"score":number,
 "highlight":obj({"name":arr(ref("HighlightSegment")),"snippet":arr(ref("HighlightSegment")),"snippetSource":{"type":"string","enum":["offering","description"]}},["name"]),
 "links":links},["id","slug","name","legalForm","status","sectors","keyOfferings","offersToMunicipalities","certifications","fictional","score","highlight","links"])
facetvalue=obj({"value":string,"label":string,"count":integer,"selected":boolean},["value","label","count","selected"])
facets=obj({k:arr(ref("FacetValue")) for k in ["region","municipality","sector","legalForm","certification","offersToMunicipalities","mrc"]},
 ["region","municipality","sector","legalForm","certification","offersToMunicipalities","mrc"])
interpretation=obj({"matchedText":string,"remainingText":string,
 "place":obj({"kind":{"type":"string","enum":["municipality","mrc","region","postalArea"]},"code":string,"name":string},["kind","code","name"])},
 ["matchedText","remainingText","place"],"Present when a place was recognised in q and applied as a place filter; q's other words are matched as text.")
page=obj({"total":integer,"page":integer,"perPage":integer,"pageCount":integer,"items":arr(ref("EnterpriseSummary")),"facets":facets,"suggestions":arr(string),
 "notice":dict(string, description="Present when results include fictional demo data."),"interpretation":interpretation},["total","page","perPage","pageCount","items","facets","suggestions"])
issue=obj({"field":string,"code":string,"message":string,"messageEnglish":string,"severity":{"type":"string","enum":["error","warning"]}},["field","code","message","messageEnglish","severity"])
problem=obj({"type":string,"title":string,"status":integer,"detail":string,"detailEnglish":string,"parameter":string,"errors":arr(ref("FieldIssue")),"warnings":arr(ref("FieldIssue")),"currentVersion":integer},
 ["type","title","status","detail","detailEnglish"],"RFC 9457 problem details; detail is in French, detailEnglish in English.")
counted=obj({"code":string,"name":string,"nameEnglish":string,"enterpriseCount":integer},["code","name","enterpriseCount"])
municipality=obj({"code":string,"name":string,"regionCode":string,"mrc":string,"designation":string,"population":integer,"enterpriseCount":integer},["code","name","regionCode","enterpriseCount"])
def listof(n): return obj({"items":arr(ref(n))},["items"])
doc={
 "openapi":"3.1.0",
 "info":{"title":"Répertoire API","version":"1.0.0","description":"The directory of Quebec social-economy enterprises for municipal buyers. Errors are RFC 9457 problem details. Managers' personal contacts are never included in anonymous responses."},
 "servers":[{"url":"/"}],
 "paths":{
  "/healthz":{"get":{"operationId":"health","summary":"Health: 200 with the database reachable, 503 otherwise.","responses":{
     "200":json_resp("Healthy.",ref("Health")),"503":json_resp("The database is unreachable.",ref("Health"))}}},
  "/api/v1/openapi.json":{"get":{"operationId":"openapi","summary":"This document.","responses":{"200":json_resp("The OpenAPI document.",{"type":"object"})}}},
  "/api/v1/enterprises":{
    "get":{"operationId":"searchEnterprises","summary":"Search the directory, with facet counts.","parameters":search_params,"responses":{
      "200":json_resp("A page of results.",ref("SearchPage")),"400":problem_resp("A parameter is invalid; `parameter` names it.")}},
    "post":{"operationId":"createEnterprise","summary":"Create an enterprise (token of an administrator or hub editor).","security":security,
      "requestBody":{"required":True,"content":{"application/json":{"schema":ref("EnterpriseInput")}}},
      "responses":dict({"201":json_resp("Created.",ref("WriteResult"),dict(etag, Location={"schema":string}))}, **write_errors)}},
  "/api/v1/enterprises/{id}":{
    "get":{"operationId":"getEnterprise","summary":"One enterprise of the directory. The managers' contacts are included only for a token whose account may see them.","security":[{},{"writeToken":[]}],"parameters":[idparam],"responses":{
      "200":json_resp("The enterprise.",ref("Enterprise"),etag),"404":problem_resp("No such enterprise, or archived.")}},
    "put":{"operationId":"updateEnterprise","summary":"Replace an enterprise's profile at a known version (token of an administrator or hub editor).","security":security,
      "parameters":[idparam,ifmatch],"requestBody":{"required":True,"content":{"application/json":{"schema":ref("EnterpriseInput")}}},
      "responses":dict({"200":json_resp("Updated.",ref("WriteResult"),etag),"404":problem_resp("No such enterprise."),"428":problem_resp("No version given.")}, **write_errors)}},
  "/api/v1/enterprises/{id}/archive":{"post":{"operationId":"archiveEnterprise","summary":"Take an enterprise out of the directory (nothing is deleted).","security":security,
      "parameters":[idparam,ifmatch_required],"responses":dict({"200":json_resp("Archived.",ref("Enterprise"),etag),"404":problem_resp("No such enterprise."),"428":problem_resp("No version given.")}, **write_errors)}},
  "/api/v1/enterprises/{id}/restore":{"post":{"operationId":"restoreEnterprise","summary":"Put an archived enterprise back in the directory.","security":security,
      "parameters":[idparam,ifmatch_required],"responses":dict({"200":json_resp("Restored.",ref("Enterprise"),etag),"404":problem_resp("No such enterprise."),"428":problem_resp("No version given.")}, **write_errors)}},
  "/api/v1/sectors":{"get":{"operationId":"listSectors","summary":"The 11 activity sectors with their number of enterprises.","responses":{"200":json_resp("Sectors.",listof("CountedReference"))}}},
  "/api/v1/regions":{"get":{"operationId":"listRegions","summary":"The 17 administrative regions with their number of enterprises.","responses":{"200":json_resp("Regions.",listof("CountedReference"))}}},
  "/api/v1/certifications":{"get":{"operationId":"listCertifications","summary":"Certifications and recognitions.","responses":{"200":json_resp("Certifications.",listof("CountedReference"))}}},
  "/api/v1/legal-forms":{"get":{"operationId":"listLegalForms","summary":"Legal forms.","responses":{"200":json_resp("Legal forms.",listof("CountedReference"))}}},
  "/api/v1/municipalities":{"get":{"operationId":"listMunicipalities","summary":"Municipalities known to the directory.","parameters":[
      {"name":"region","in":"query","required":False,"schema":{"type":"string","enum":regions}}],
      "responses":{"200":json_resp("Municipalities.",listof("Municipality")),"400":problem_resp("Unknown region.")}}},
 },
 "components":{
  "securitySchemes":{"writeToken":{"type":"http","scheme":"bearer","description":"A personal API token (created and revoked under « Mon compte », shown once), acting with its owner's roles: administrators and hub editors (in their regions) may write; buyers' tokens see the managers' contacts. The instance's service token (REPERTOIRE_API_TOKEN) acts as an administrator."}},
  "schemas":{"Reference":reference,"HighlightSegment":segment,"Enterprise":enterprise,"EnterpriseSummary":summary,"FacetValue":facetvalue,
   "SearchPage":page,"EnterpriseInput":input_schema,"ManagerContact":manager,"WriteResult":obj({"enterprise":ref("Enterprise"),"warnings":arr(ref("FieldIssue"))},["enterprise","warnings"]),
   "FieldIssue":issue,"Problem":problem,"CountedReference":counted,"Municipality":municipality,
   "Health":obj({"status":{"type":"string","enum":["ok","unavailable"]},"database":{"type":"string","enum":["reachable","unreachable"]},"indexedEnterprises":integer},["status","database","indexedEnterprises"])}}
}
open(__import__('os').path.join(__import__('os').path.dirname(__file__), '../../Sources/Repertoire/Resources/openapi.json'),'w').write(json.dumps(doc, ensure_ascii=False, indent=2)+"\n")
print("ok")
