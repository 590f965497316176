"""PDF/X-4 for the files we send to print: output intent, XMP metadata, version 1.6.

ReportLab writes none of this, so PressCanvas (common.py) calls ``finish`` just before
saving. What PDF/X-4 (ISO 15930-7) asks of a file, and where it comes from:
- colour: CMYK only (the theme; the canvas enforces CMYK for anything else), an output intent
  /GTS_PDFX naming the printing condition (OutputConditionIdentifier "FOGRA39", registered at
  the ICC) with the profile embedded as DestOutputProfile (PDF/X-4 needs it embedded);
- TrimBox and BleedBox on every page (PressCanvas.showPage);
- an XMP packet with pdfxid:GTS_PDFXVersion "PDF/X-4", the title, the dates of the Info
  dictionary and the document and instance ids; Info /Trapped /False;
- no annotations inside the page: a draft (its DRAFT watermark) and the reading copy of the
  booklet (its links) therefore carry the output intent but make no PDF/X claim.

The profile, profiles/FOGRA39L-eventprint.icc (read by eventprint.colour, which converts an
event's own colours and logos through it), was computed with ArgyllCMS from FOGRA's
FOGRA39L characterisation data (see profiles/README.md); it is the standard coated
condition (ISO 12647-2, paper type 1/2) that European print shops proof against.
"""
from __future__ import annotations

import functools
import hashlib
import uuid
import zlib

from eventprint import colour
from reportlab.pdfbase import pdfdoc

from . import qrmatrix
from .escape import escape

VERSION = (1, 6)
PDFX = "PDF/X-4"
CONDITION = "FOGRA39"
CONDITION_INFO = "Coated FOGRA39 (ISO 12647-2:2004/Amd 1, paper type 1 or 2, 60/cm)"
REGISTRY = "http://www.color.org"


store: qrmatrix.Store | None = None  # set by the build (eventprint.outputs): kept between builds


@functools.cache
def profile_flate() -> bytes:
    """The profile compressed (about 55 kB of the 140 kB), once per process and kept between
    builds in ``store``: compressing it at level 9 takes 65 ms, a tenth of a small event's build.
    The build calls it before outputs render in forked processes (eventprint.outputs.prepare),
    so that they share it."""
    profile = colour.profile_bytes()
    if store is None:
        return zlib.compress(profile, 9)
    k = store.key("icc", zlib.ZLIB_RUNTIME_VERSION, 9, hashlib.sha256(profile).digest())
    found = store.get("icc", k)
    if found is None or zlib.decompress(found) != profile:
        found = zlib.compress(profile, 9)
        store.put("icc", k, found)
    return found


def _output_intent(doc) -> pdfdoc.PDFDictionary:
    stream = pdfdoc.PDFStream(pdfdoc.PDFDictionary({"N": 4, "Filter": pdfdoc.PDFName("FlateDecode")}),
                              profile_flate(), filters=[])
    ref = doc.Reference(stream, "EPOutputProfile")
    return pdfdoc.PDFDictionary({
        "Type": pdfdoc.PDFName("OutputIntent"), "S": pdfdoc.PDFName("GTS_PDFX"),
        "OutputConditionIdentifier": pdfdoc.PDFString(CONDITION),
        "OutputCondition": pdfdoc.PDFString(CONDITION_INFO),
        "RegistryName": pdfdoc.PDFString(REGISTRY), "Info": pdfdoc.PDFString(CONDITION_INFO),
        "DestOutputProfile": ref,
    })


class _Info(pdfdoc.PDFInfo):
    """The Info dictionary with the PDF/X version beside /Trapped (older preflights read it here)."""

    pdfx: str | None = None

    def format(self, document):
        text = super().format(document)
        if not self.pdfx:
            return text
        return text[:text.rindex(b">>")] + b"/GTS_PDFXVersion " + pdfdoc.PDFString(self.pdfx).format(document) + b"\n>>"


def _xmp_date(ts) -> str:
    y, mo, d, h, mi, s = ts.YMDhms
    sign = "+" if ts.dhh >= 0 else "-"
    return f"{y:04d}-{mo:02d}-{d:02d}T{h:02d}:{mi:02d}:{s:02d}{sign}{abs(ts.dhh):02d}:{ts.dmm:02d}"


def _xmp(info, date: str, claim: bool) -> bytes:
    seed = hashlib.sha256("\0".join((info.title, info.author, info.subject, date)).encode()).digest()
    doc_id = f"uuid:{uuid.UUID(bytes=seed[:16], version=4)}"
    pdfx = f"\n   <pdfxid:GTS_PDFXVersion>{PDFX}</pdfxid:GTS_PDFXVersion>" if claim else ""
    packet = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(info.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{escape(info.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(info.subject)}</rdf:li></rdf:Alt></dc:description>
   <pdf:Keywords>{escape(info.keywords)}</pdf:Keywords>
   <pdf:Producer>{escape(info.producer)}</pdf:Producer>
   <pdf:Trapped>False</pdf:Trapped>
   <xmp:CreatorTool>{escape(info.creator)}</xmp:CreatorTool>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
   <xmpMM:DocumentID>{doc_id}</xmpMM:DocumentID>
   <xmpMM:InstanceID>{doc_id}</xmpMM:InstanceID>
   <xmpMM:VersionID>1</xmpMM:VersionID>
   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>{pdfx}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>"""
    return packet.encode("utf-8")


def finish(canvas, claim: bool) -> None:
    """Output intent, XMP and Info for the canvas's document; ``claim``: say it is PDF/X-4."""
    doc = canvas._doc
    info = _Info()
    info.__dict__.update(doc.info.__dict__)
    info.pdfx = PDFX if claim else None
    info.trapped = "False"
    doc.info = info
    cat = doc.Catalog
    cat.__NoDefault__ = [*type(cat).__NoDefault__, "OutputIntents"]
    cat.OutputIntents = pdfdoc.PDFArray([_output_intent(doc)])
    # uncompressed, so that tools that scan for the packet find it
    cat.Metadata = pdfdoc.PDFStream(pdfdoc.PDFDictionary({"Type": pdfdoc.PDFName("Metadata"),
                                                          "Subtype": pdfdoc.PDFName("XML")}),
                                    _xmp(info, _xmp_date(doc._timeStamp), claim), filters=[])
