"""A small example batch of applications (invented, modelled on cases in the region's reports) so
officers can try the screening without their own file, and tests/demos have realistic input."""

from __future__ import annotations

import csv
import io

from assessment.screening.calls import CallProfile
from assessment.screening.fields import FIELDS

# id, applicant, municipality, amount, title, claims, ecological, social, economic, negative,
# target groups, equality, sami
_ROWS: tuple[tuple[str, ...], ...] = (
    (
        "D-01",
        "Kälarne Handel AB",
        "Bräcke",
        "400000",
        "Drivmedelsstation i Kälarne",
        "11:+2: Boende slipper sex mil omväg för att tanka; 7.2:+1: HVO och två laddpunkter; "
        "13:-1: Fossil bensin säljs fortfarande vid stationen",
        "HVO och laddning minskar utsläppen; andelen förnybart följs upp varje år.",
        "Äldre och unga utan egen laddmöjlighet får service nära; butiken blir mötesplats.",
        "Stationen ger butiken fler kunder och två deltidsjobb, vilket säkrar butikens drift.",
        "Fortsatt försäljning av fossila drivmedel; plan för att fasa ut den till 2030.",
        "Boende i Kälarne, särskilt äldre utan bil och unga.",
        "Tjänsterna ska kunna sökas av alla.",
        "Ingen ny mark tas i anspråk; samebyn har informerats.",
    ),
    (
        "D-02",
        "Jämtfisk RAS AB",
        "Strömsund",
        "3500000",
        "Landbaserad fiskodling",
        "8:+2: Trettio nya jobb i inlandet; 9:+2: Ny teknik för recirkulerande odling",
        "",
        "Nya jobb för unga som vill bo kvar.",
        "Exportintäkter och underleverantörer i regionen ger långsiktig lönsamhet.",
        "",
        "Unga i Strömsunds kommun.",
        "",
        "",
    ),
    (
        "D-03",
        "Fjällupplevelser i Åre AB",
        "Åre",
        "900000",
        "Internationella gäster året runt",
        "8:+3: Fler gästnätter och jobb året runt; 17:+1: Samarbete med flygbolag",
        "",
        "Fler helårsjobb gör att fler kan bo kvar i byn.",
        "Jämnare beläggning ger bättre lönsamhet för hela destinationen.",
        "",
        "Besökare från Europa.",
        "",
        "",
    ),
    (
        "D-04",
        "Ragunda Byanät ek. för.",
        "Ragunda",
        "1200000",
        "Fiber till sex byar",
        "9:+2: Fiber till 180 hushåll och 25 företag; 4:+1: Distansstudier blir möjliga",
        "Grävning längs befintliga vägar för att skona mark.",
        "Distansarbete och studier blir möjliga för alla hushåll, även på landsbygden.",
        "Byföreningen äger nätet; avgifterna täcker drift och underhåll.",
        "Tillfälliga markskador vid grävning återställs.",
        "Hushåll och företag i byarna.",
        "Både kvinnor och män i byarna deltar i styrelsen.",
        "Sträckningen är stämd av med samebyn.",
    ),
    (
        "D-05",
        "Mekanik i Östersund AB",
        "Östersund",
        "650000",
        "Jämställd rekrytering i verkstaden",
        "5:+2: Fler kvinnor anställs som tekniker; 8:+1: Två nya jobb",
        "",
        "Mentorskap och anpassade lokaler gör att fler kvinnor söker sig till yrket.",
        "",
        "",
        "Kvinnor och utrikes födda med teknisk utbildning.",
        "Rekryteringen riktas till kvinnor och utrikes födda; löner kartläggs årligen.",
        "",
    ),
    (
        "D-06",
        "Härjedalens Sol AB",
        "Härjedalen",
        "2800000",
        "Solcellspark vid Sveg",
        "7:+3: Förnybar el motsvarande 400 villor; 13:+2: Ersätter fossil el; "
        "15:-1: Parken tar fyra hektar betesmark",
        "Parken byggs på tidigare betesmark; ängsflora sås under panelerna.",
        "Lokala delägare får del av vinsten.",
        "Elförsäljning ger stabil intäkt i trettio år.",
        "Markanvändning och påverkan på landskapsbilden; samråd hålls.",
        "Boende i Sveg.",
        "",
        "Samebyn har samråtts om flyttleder.",
    ),
    (
        "D-07",
        "Återbruket i Krokom",
        "Krokom",
        "300000",
        "Cirkulär möbelverkstad",
        "12:+2: Möbler repareras i stället för att slängas; 8:+1: Arbetsträning för fyra personer",
        "Minskar avfall och nyproduktion av möbler.",
        "Arbetsträning för personer långt från arbetsmarknaden.",
        "",
        "",
        "Personer långt från arbetsmarknaden.",
        "",
        "",
    ),
    (
        "D-08",
        "Lapland Taste",
        "Berg",
        "250000",
        "Samisk matupplevelse för besökare",
        "8:+1: Nya säsongsjobb; 2:+1: Lokala råvaror",
        "Råvaror från lokal renskötsel och jakt, korta transporter.",
        "Samisk kultur blir synlig för besökare på samernas villkor.",
        "Nya intäkter för renskötselföretaget utanför säsong.",
        "Fler besökare nära betesmarker; leder planeras med samebyn.",
        "Besökare och samiska företagare.",
        "Kvinnor och män driver verksamheten tillsammans.",
        "Verksamheten drivs av samer och planeras med samebyn.",
    ),
    (
        "D-09",
        "Ung Företagsamhet Jämtland",
        "Östersund",
        "500000",
        "Ungas entreprenörskap",
        "4:+2: Gymnasieelever startar UF-företag; 8:+1: Fler unga startar företag",
        "",
        "Unga i hela länet, även i inlandet, får pröva att driva företag.",
        "",
        "",
        "Gymnasieelever i hela länet.",
        "Lika många tjejer som killar ska delta.",
        "",
    ),
    (
        "D-10",
        "Strömsunds Lanthandel",
        "Hoting",
        "150000",
        "E-handel för lanthandeln",
        "9:+1",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ),
    (
        "D-11",
        "Bygg & Betong i Bräcke",
        "Bräcke",
        "trehundratusen",
        "Ny betongstation",
        "9:+1: Ny maskin",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ),
)


def demo_csv(call: CallProfile) -> bytes:
    """The example batch as a CSV in the import template's layout, for ``call``'s support type."""
    support = call.support_types[0].id
    columns = [
        "id",
        "applicant",
        "municipality",
        "amount",
        "title",
        "sdg_claims",
        "ecological",
        "social",
        "economic",
        "negative_impacts",
        "target_groups",
        "equality",
        "sami_considerations",
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    header = [f.name for f in FIELDS]
    writer.writerow(header)
    for values in _ROWS:
        row = dict(zip(columns, values, strict=True))
        row["support_type"] = support
        writer.writerow([row.get(name, "") for name in header])
    return buffer.getvalue().encode("utf-8")
