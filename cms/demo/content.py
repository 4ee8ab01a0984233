"""Demo content of the programme: the programme page, its 8 modules and two lessons each.

Written from the facts of shared/docs/domain-fr.md; facts not verified there are hedged.
"""

PROGRAMME = {
    "title": "Référent·e égalité de traitement",
    "slug": "referent-egalite-de-traitement",
    "subtitle": (
        "Attribuer les logements sociaux sans discriminer : droit, pratiques et prévention des risques"
    ),
    "intro": (
        "<p>Ce parcours de qualification est porté par l'Union régionale pour l'habitat (URH) "
        "Hauts-de-France, avec l'IREV, centre de ressources politique de la ville de la région. Il "
        "prépare des référent·es capables d'accompagner leurs équipes pour que chaque étape de "
        "l'attribution d'un logement social — accueil, enregistrement, désignation des candidats, "
        "commission, décision — respecte l'égalité de traitement des demandeurs.</p><p>Il "
        "s'adresse aux professionnel·les qui interviennent dans la chaîne d'attribution : "
        "salarié·es des bailleurs sociaux, agents des communes et des intercommunalités, agents "
        "des services de l'État.</p><p>Le parcours compte huit modules, du cadre juridique des "
        "attributions jusqu'au rôle des acteurs régionaux. Chaque module associe des leçons en "
        "ligne (repères juridiques, définitions, encadrés « À retenir », questions fréquentes, "
        "études de cas), un quiz et des séances collectives en demi-journée animées par des "
        "formateur·rices. La qualification de référent·e est délivrée par l'URH au terme du "
        "parcours.</p><p><i>Les textes évoluent souvent : les articles cités dans les leçons "
        "doivent être relus dans leur version en vigueur sur Légifrance avant toute utilisation "
        "dans un document officiel. Les points signalés « à vérifier » n'ont pas pu être confirmés "
        "lors de la recherche documentaire.</i></p>"
    ),
    "audience": (
        "Salarié·es des bailleurs sociaux, agents des collectivités (communes, EPCI) et des "
        "services de l'État qui accueillent les demandeurs, instruisent les dossiers ou siègent "
        "dans les instances d'attribution."
    ),
    "objectives": [
        (
            "Situer les règles d'attribution des logements sociaux dans leur chronologie, de la "
            "loi de 1998 à la loi 3DS."
        ),
        (
            "Expliquer les outils de la réforme intercommunale des attributions : CIL, CIA, "
            "PPGDID, cotation et gestion en flux."
        ),
        (
            "Identifier les critères de discrimination prohibés et distinguer discrimination "
            "directe et indirecte dans une décision d'attribution."
        ),
        (
            "Distinguer égalité de traitement, équité et mixité sociale, et reconnaître les lignes "
            "rouges de l'« équilibre de peuplement »."
        ),
        (
            "Repérer les étapes à risque de la chaîne d'attribution et proposer des pratiques de "
            "prévention et de traçabilité."
        ),
        (
            "Mobiliser les acteurs et les ressources du territoire : URH, IREV, services de "
            "l'État, Défenseur des droits, politique de la ville."
        ),
    ],
}

MODULES = [
    {
        "number": 1,
        "title": "Fondamentaux et chronologie du droit des attributions",
        "slug": "m1-fondamentaux",
        "intro": (
            "<p>Ce module pose les bases : ce que la loi attend de l'attribution d'un logement "
            "social, qui peut y prétendre, et comment le droit des attributions s'est construit "
            "par couches successives depuis la fin des années 1990.</p><p>Il donne les repères "
            "nécessaires pour aborder la réforme intercommunale (module 2) et les exigences de "
            "non-discrimination (modules 4 et 5).</p>"
        ),
        "objectives": [
            "Énoncer les finalités que la loi assigne à l'attribution des logements sociaux.",
            "Lister les conditions d'accès et les éléments d'appréciation d'une demande.",
            (
                "Connaître les droits du demandeur : enregistrement sans condition de résidence, "
                "information, motivation des rejets."
            ),
            "Replacer les principaux textes structurants dans leur chronologie.",
        ],
        "lessons": [
            {
                "title": "Les finalités légales de l'attribution et les conditions d'accès",
                "slug": "finalites-et-conditions-d-acces",
                "summary": (
                    "Ce que la loi attend d'une attribution de logement social, qui peut y "
                    "prétendre et sur quels éléments une demande est appréciée."
                ),
                "duration_minutes": 20,
                "body": [
                    (
                        "paragraph",
                        (
                            "<p>Attribuer un logement social n'est pas un acte de gestion locative "
                            "comme un autre. Le Code de la construction et de l'habitation (CCH) "
                            "rattache cette décision à la mise en œuvre du droit au logement, au "
                            "profit des ménages modestes et des personnes défavorisées. Connaître "
                            "ces finalités, c'est disposer de la grille de lecture qui permet "
                            "ensuite de juger si une pratique est conforme.</p><h3>Deux familles "
                            "d'objectifs</h3><p>La loi assigne à l'attribution des objectifs que "
                            "l'on peut regrouper en deux familles :</p><ul><li><b>le droit au "
                            "logement</b>, au bénéfice des ménages modestes et défavorisés "
                            ";</li><li><b>l'égalité des chances des demandeurs et la mixité "
                            "sociale</b> des villes et des quartiers, en tenant compte de la "
                            "diversité de la demande exprimée localement.</li></ul><p>Le texte "
                            "précise notamment que tous les secteurs doivent être ouverts à toutes "
                            "les catégories de publics éligibles, que les personnes handicapées "
                            "doivent pouvoir accéder à des logements adaptés et que les ménages "
                            "les plus modestes doivent pouvoir accéder aux secteurs situés hors "
                            "des quartiers prioritaires de la politique de la ville (QPV).</p>"
                        ),
                    ),
                    (
                        "legal_reference",
                        {
                            "text": "Code de la construction et de l'habitation",
                            "article": "L441",
                            "date": None,
                            "url": "https://www.legifrance.gouv.fr/",
                            "note": (
                                "Fixe les finalités de l'attribution : mise en œuvre du droit au "
                                "logement pour les ménages modestes et défavorisés, égalité des "
                                "chances des demandeurs et mixité sociale des villes et des "
                                "quartiers."
                            ),
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<h3>Une tension à gérer, une limite absolue</h3><p>Ces objectifs "
                            "peuvent entrer en tension : loger en priorité les ménages les plus "
                            "fragiles tout en recherchant la mixité n'est pas toujours simple à "
                            "concilier sur une même résidence. Mais cette conciliation connaît une "
                            "limite qui ne se négocie pas : la recherche de mixité ne peut "
                            "<b>jamais</b> conduire à écarter un candidat sur le fondement d'un "
                            "critère de discrimination prohibé, comme l'origine. La Haute autorité "
                            "de lutte contre les discriminations et pour l'égalité (HALDE) l'a "
                            "rappelé dès 2009 ; le module 5 y revient en détail.</p><h3>Qui peut "
                            "se voir attribuer un logement social ?</h3><p>Deux conditions d'accès "
                            "doivent être réunies :</p><ol><li>être de nationalité française, ou "
                            "séjourner régulièrement en France dans des conditions de permanence "
                            ";</li><li>disposer de ressources qui ne dépassent pas des plafonds "
                            "fixés par arrêté et révisés chaque année au 1er "
                            "janvier.</li></ol><p>Une demande qui ne remplit pas ces conditions "
                            "peut être rejetée. En revanche, aucune condition de résidence "
                            "préalable dans la commune ne peut être opposée à l'enregistrement "
                            "d'une demande.</p>"
                        ),
                    ),
                    (
                        "legal_reference",
                        {
                            "text": "Code de la construction et de l'habitation",
                            "article": "R441-1",
                            "date": None,
                            "url": "https://www.legifrance.gouv.fr/",
                            "note": (
                                "Précise les conditions d'accès au logement social : nationalité "
                                "française ou séjour régulier et permanent en France, et "
                                "ressources inférieures aux plafonds fixés par arrêté."
                            ),
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<h3>Sur quels éléments la demande est-elle appréciée ?</h3><p>Une "
                            "fois les conditions d'accès remplies, le choix entre candidats doit "
                            "reposer sur des éléments objectifs. Le décret d'application de "
                            "l'article L441-1 impose de tenir compte notamment :</p><ul><li>du "
                            "patrimoine du ménage, de sa composition et de son niveau de "
                            "ressources ;</li><li>de ses conditions de logement actuelles "
                            ";</li><li>de l'éloignement entre le logement proposé et le lieu de "
                            "travail, ainsi que de la mobilité liée à l'emploi ;</li><li>de la "
                            "proximité des équipements qui répondent aux besoins du "
                            "ménage.</li></ul><h3>Le lien avec la commune : un élément parmi "
                            "d'autres</h3><p>Habiter ou travailler dans la commune peut être pris "
                            "en compte, mais jamais comme motif unique : l'absence de lien avec la "
                            "commune où se situe le logement ne peut pas, à elle seule, justifier "
                            "une non-attribution. Appliquée de façon systématique, la « préférence "
                            "communale » est d'ailleurs l'un des principaux facteurs de "
                            "discrimination relevés par les études (modules 4 et 6).</p>"
                        ),
                    ),
                    (
                        "accordion",
                        {
                            "title": "Questions fréquentes",
                            "items": [
                                {
                                    "question": (
                                        "Un guichet peut-il refuser d'enregistrer une demande "
                                        "parce que le demandeur n'habite pas la commune ?"
                                    ),
                                    "answer": (
                                        "<p>Non. Aucune condition de résidence préalable ne peut "
                                        "être opposée à l'enregistrement. La demande doit être "
                                        "enregistrée quelle que soit la commune de résidence du "
                                        "demandeur.</p>"
                                    ),
                                },
                                {
                                    "question": (
                                        "Peut-on privilégier un candidat qui travaille à proximité "
                                        "du logement ?"
                                    ),
                                    "answer": (
                                        "<p>L'éloignement du lieu de travail fait partie des "
                                        "éléments d'appréciation prévus par la réglementation. Il "
                                        "peut donc peser dans l'examen, à condition d'être combiné "
                                        "avec les autres critères et appliqué de la même manière à "
                                        "tous les candidats. Il ne peut pas devenir un motif "
                                        "unique d'exclusion des autres demandeurs.</p>"
                                    ),
                                },
                                {
                                    "question": "Les plafonds de ressources sont-ils fixes ?",
                                    "answer": (
                                        "<p>Non. Ils sont fixés par arrêté et révisés au 1er "
                                        "janvier de chaque année : vérifiez toujours le barème "
                                        "applicable à la date d'examen de la demande.</p>"
                                    ),
                                },
                            ],
                        },
                    ),
                    (
                        "key_points",
                        {
                            "title": "À retenir",
                            "text": (
                                "<ul><li>L'attribution sert le droit au logement des ménages "
                                "modestes et défavorisés, l'égalité des chances des demandeurs et "
                                "la mixité sociale.</li><li>La mixité ne justifie jamais une "
                                "sélection fondée sur un critère prohibé.</li><li>Conditions "
                                "d'accès : nationalité française ou séjour régulier et permanent, "
                                "ressources inférieures aux plafonds.</li><li>Éléments "
                                "d'appréciation : patrimoine, composition, ressources, conditions "
                                "de logement, éloignement du travail, proximité des "
                                "équipements.</li><li>Le lien avec la commune n'est jamais un "
                                "motif exclusif, et aucune condition de résidence n'est opposable "
                                "à l'enregistrement.</li></ul>"
                            ),
                        },
                    ),
                    (
                        "glossary_term",
                        {
                            "term": "QPV",
                            "definition": (
                                "Quartier prioritaire de la politique de la ville : quartier "
                                "délimité à partir de la concentration de ménages à bas revenus, "
                                "où s'appliquent les dispositifs de la politique de la ville."
                            ),
                        },
                    ),
                ],
            },
            {
                "title": "Chronologie des textes structurants",
                "slug": "chronologie-des-textes",
                "summary": (
                    "Vingt-cinq ans de réformes, de la loi de 1998 aux propositions de loi "
                    "récentes : les textes qui ont façonné le droit des attributions, à parcourir "
                    "sous forme de frise."
                ),
                "duration_minutes": 25,
                "body": [
                    (
                        "paragraph",
                        (
                            "<p>Le droit des attributions s'est construit par sédimentation : "
                            "chaque loi a ajouté un outil — numéro unique, droit au logement "
                            "opposable, objectifs de mixité, cotation — sans effacer les "
                            "précédents. Connaître cette chronologie aide à comprendre pourquoi "
                            "les dispositifs s'emboîtent et pourquoi certaines échéances ont été "
                            "reportées.</p><h3>Trois grandes périodes</h3><ul><li><b>1998-2008 : "
                            "transparence et droits des demandeurs.</b> Numéro unique "
                            "d'enregistrement, droit au logement opposable, définitions juridiques "
                            "des discriminations.</li><li><b>2014-2017 : le passage à l'échelle "
                            "intercommunale.</b> Nouvelle géographie prioritaire, conférences "
                            "intercommunales du logement, plans partenariaux de gestion de la "
                            "demande, objectifs chiffrés de mixité.</li><li><b>2018-2022 : "
                            "l'outillage et le calendrier.</b> Cotation et gestion en flux "
                            "obligatoires, création de la CALEOL, puis report des échéances par la "
                            "loi 3DS.</li></ul>"
                        ),
                    ),
                    (
                        "timeline",
                        {
                            "title": "Les textes structurants du droit des attributions",
                            "events": [
                                {
                                    "when": "29/07/1998",
                                    "title": "Loi n° 98-657 de lutte contre les exclusions",
                                    "description": (
                                        "Crée le numéro unique départemental d'enregistrement des "
                                        "demandes et réorganise les conférences intercommunales du "
                                        "logement, apparues en 1996 avec le pacte de relance pour "
                                        "la ville."
                                    ),
                                },
                                {
                                    "when": "01/08/2003",
                                    "title": "Loi n° 2003-710, dite loi « Borloo »",
                                    "description": (
                                        "Crée l'Agence nationale pour la rénovation urbaine (ANRU) "
                                        "et le programme national de rénovation urbaine (PNRU)."
                                    ),
                                },
                                {
                                    "when": "05/03/2007",
                                    "title": "Loi DALO (droit au logement opposable)",
                                    "description": (
                                        "Ouvre un recours amiable devant une commission de "
                                        "médiation puis, faute d'offre de logement, un recours "
                                        "devant le juge administratif. Le numéro de la loi (n° "
                                        "2007-290) est à vérifier sur Légifrance avant diffusion."
                                    ),
                                },
                                {
                                    "when": "27/05/2008",
                                    "title": "Loi n° 2008-496",
                                    "description": (
                                        "Définit les discriminations directe et indirecte et "
                                        "aménage la charge de la preuve devant les juges civil et "
                                        "administratif."
                                    ),
                                },
                                {
                                    "when": "21/02/2014",
                                    "title": (
                                        "Loi n° 2014-173 de programmation pour la ville, dite loi « Lamy »"
                                    ),
                                    "description": (
                                        "Crée les QPV, les contrats de ville, les conseils "
                                        "citoyens et le nouveau programme de renouvellement urbain "
                                        "; ajoute le lieu de résidence aux critères de "
                                        "discrimination du Code pénal."
                                    ),
                                },
                                {
                                    "when": "24/03/2014",
                                    "title": "Loi n° 2014-366 « ALUR » (article 97)",
                                    "description": (
                                        "Instaure le plan partenarial de gestion de la demande et "
                                        "d'information des demandeurs, le droit à l'information, "
                                        "la gestion partagée de la demande et la conférence "
                                        "intercommunale du logement."
                                    ),
                                },
                                {
                                    "when": "27/01/2017",
                                    "title": "Loi n° 2017-86 « Égalité et citoyenneté »",
                                    "description": (
                                        "Fixe des objectifs chiffrés de mixité (25 % des "
                                        "attributions hors QPV pour le premier quartile, 50 % en "
                                        "QPV pour les autres quartiles), consacre 25 % des "
                                        "attributions de chaque réservataire aux publics "
                                        "prioritaires, rend la CIL obligatoire, crée la CIA et "
                                        "refond la liste des publics prioritaires."
                                    ),
                                },
                                {
                                    "when": "23/11/2018",
                                    "title": "Loi n° 2018-1021 « ELAN »",
                                    "description": (
                                        "Rend obligatoires la cotation de la demande (article 111) "
                                        "et la gestion en flux des réservations ; crée la CALEOL "
                                        "et l'examen triennal de l'occupation des logements "
                                        "(article 109)."
                                    ),
                                },
                                {
                                    "when": "21/02/2022",
                                    "title": "Loi n° 2022-217 « 3DS »",
                                    "description": (
                                        "Reporte la cotation au 31 décembre 2023 et la gestion en "
                                        "flux au 24 novembre 2023 ; crée les résidences à enjeu "
                                        "prioritaire de mixité sociale (article 84, qui modifie "
                                        "l'article L441-2-2 du CCH)."
                                    ),
                                },
                                {
                                    "when": "2023-2025",
                                    "title": "Propositions de loi en discussion",
                                    "description": (
                                        "Proposition « rôle des maires », adoptée au Sénat le 10 "
                                        "octobre 2023 (présidence de la CALEOL par le maire, droit "
                                        "de veto), et proposition visant à prioriser les "
                                        "travailleurs (Assemblée nationale, 2025). Non promulguées "
                                        "à la date des sources consultées : leur statut est à "
                                        "actualiser."
                                    ),
                                },
                            ],
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<h3>Zoom : la demande de logement social au fil des "
                            "textes</h3><p>L'histoire de la demande illustre bien cette "
                            "construction progressive :</p><ul><li>en <b>1998</b>, la loi de lutte "
                            "contre les exclusions instaure un numéro unique départemental, pour "
                            "garantir la transparence et l'égalité des chances ; il est généralisé "
                            "au plus tard le 31 mai 2001. La demande est valable un an et doit "
                            "être renouvelée ;</li><li>en <b>2010</b>, un formulaire unique de "
                            "demande (cerfa n° 14069) s'applique à compter du 1er octobre, en "
                            "vertu d'un décret du 29 avril 2010 pris pour la loi MOLLE du 25 mars "
                            "2009 ;</li><li>en <b>2014</b>, la loi ALUR crée le droit à "
                            "l'information du demandeur et le « dossier unique » : les pièces sont "
                            "déposées une seule fois puis partagées entre les acteurs, dispositif "
                            "en place fin 2015 ;</li><li>en <b>2017</b>, avec la loi Égalité et "
                            "citoyenneté, le numéro unique est délivré à l'échelle nationale par "
                            "le Système national d'enregistrement (SNE).</li></ul>"
                        ),
                    ),
                    (
                        "legal_reference",
                        {
                            "text": "Code de la construction et de l'habitation",
                            "article": "L441-2-6",
                            "date": None,
                            "url": "https://www.legifrance.gouv.fr/",
                            "note": (
                                "Consacre le droit du demandeur à être informé sur la procédure et "
                                "sur le traitement de sa demande ; disposition issue de la loi "
                                "ALUR de 2014."
                            ),
                        },
                    ),
                    (
                        "legal_reference",
                        {
                            "text": "Code de la construction et de l'habitation",
                            "article": "L441-2-2",
                            "date": None,
                            "url": "https://www.legifrance.gouv.fr/",
                            "note": (
                                "Impose de notifier par écrit, avec ses motifs, toute décision de "
                                "rejet d'une demande de logement social."
                            ),
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<h3>Lire une réforme : trois réflexes</h3><ol><li><b>Distinguer "
                            "création et entrée en vigueur.</b> La loi ELAN a rendu la cotation "
                            "obligatoire en 2018, mais l'échéance a été repoussée au 31 décembre "
                            "2023 par la loi 3DS.</li><li><b>Vérifier la version en vigueur.</b> "
                            "Le CCH est modifié très souvent : relisez l'article sur Légifrance "
                            "avant de le citer dans un courrier, un procès-verbal ou une "
                            "formation.</li><li><b>Ne pas confondre proposition et loi.</b> Une "
                            "proposition de loi adoptée par une seule assemblée ne modifie pas le "
                            "droit applicable : tant qu'elle n'est pas définitivement adoptée et "
                            "promulguée, elle ne s'impose ni aux bailleurs ni aux "
                            "commissions.</li></ol>"
                        ),
                    ),
                    (
                        "key_points",
                        {
                            "title": "À retenir",
                            "text": (
                                "<ul><li>1998 : numéro unique départemental ; 2017 : numéro "
                                "délivré par le SNE à l'échelle nationale.</li><li>2014 : la loi "
                                "Lamy crée les QPV, la loi ALUR le PPGDID, le droit à "
                                "l'information et la CIL.</li><li>2017 : la loi Égalité et "
                                "citoyenneté fixe les objectifs chiffrés de mixité et de publics "
                                "prioritaires.</li><li>2018 : la loi ELAN impose cotation, gestion "
                                "en flux et CALEOL ; 2022 : la loi 3DS en reporte les échéances à "
                                "fin 2023.</li><li>Une proposition de loi non promulguée ne change "
                                "pas le droit applicable.</li></ul>"
                            ),
                        },
                    ),
                    (
                        "glossary_term",
                        {
                            "term": "SNE",
                            "definition": (
                                "Système national d'enregistrement : dispositif qui délivre, "
                                "depuis la loi Égalité et citoyenneté de 2017, le numéro unique "
                                "d'enregistrement des demandes de logement social à l'échelle "
                                "nationale."
                            ),
                        },
                    ),
                ],
            },
        ],
    },
    {
        "number": 2,
        "title": (
            "La réforme des attributions à l'échelle intercommunale (CIL, CIA, PPGDID, cotation, flux)"
        ),
        "slug": "m2-reforme-intercommunale",
        "intro": (
            "<p>Depuis les lois ALUR (2014), Égalité et citoyenneté (2017) et ELAN (2018), les "
            "attributions se pilotent à l'échelle de l'intercommunalité. Ce module présente les "
            "instances et les documents de cette réforme, ainsi que les objectifs chiffrés qu'elle "
            "fixe.</p><p>Il s'attarde sur deux outils qui touchent directement à l'égalité de "
            "traitement : les objectifs d'attribution déclinés dans la convention intercommunale "
            "et la cotation de la demande.</p>"
        ),
        "objectives": [
            "Identifier les territoires soumis à la réforme des attributions et le rôle de la CIL.",
            "Expliquer les trois objectifs chiffrés d'attribution et leur mode de suivi.",
            "Décrire le fonctionnement de la cotation et son statut d'aide à la décision.",
            "Situer le PPGDID et la gestion en flux dans l'architecture de la réforme.",
        ],
        "lessons": [
            {
                "title": "La convention intercommunale d'attribution et les objectifs chiffrés",
                "slug": "cia-et-objectifs-chiffres",
                "summary": (
                    "Les territoires concernés, le contenu de la CIA et les trois objectifs "
                    "d'attribution fixés par la loi : comment ils se calculent et comment ils sont "
                    "suivis."
                ),
                "duration_minutes": 25,
                "body": [
                    (
                        "paragraph",
                        (
                            "<h3>Les territoires de la réforme</h3><p>La « réforme des "
                            "attributions » ne s'applique pas partout. Elle vise les EPCI tenus de "
                            "se doter d'un programme local de l'habitat (PLH) ou compétents en "
                            "matière d'habitat, <b>et</b> comptant au moins un QPV, ainsi que "
                            "Paris et les établissements publics territoriaux de la Métropole du "
                            "Grand Paris. D'après l'URH, 40 EPCI des Hauts-de-France étaient "
                            "concernés en 2019-2020, dont 27 avaient engagé ou finalisé leurs "
                            "documents (<i>chiffre à actualiser depuis la géographie prioritaire "
                            "de 2024</i>).</p><p>Sur ces territoires, la <b>conférence "
                            "intercommunale du logement (CIL)</b>, instituée dans sa forme "
                            "actuelle par la loi ALUR puis rendue obligatoire par la loi Égalité "
                            "et citoyenneté, adopte des orientations sur les attributions, les "
                            "mutations et le relogement, notamment dans le cadre du renouvellement "
                            "urbain.</p>"
                        ),
                    ),
                    (
                        "legal_reference",
                        {
                            "text": "Code de la construction et de l'habitation",
                            "article": "L441-1-5",
                            "date": None,
                            "url": "https://www.legifrance.gouv.fr/",
                            "note": (
                                "Institue la conférence intercommunale du logement, qui adopte des "
                                "orientations sur les attributions, les mutations et le "
                                "relogement. Sa composition détaillée (présidence, collèges) est à "
                                "vérifier dans la version en vigueur."
                            ),
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<h3>La convention intercommunale d'attribution (CIA)</h3><p>Créée par "
                            "la loi Égalité et citoyenneté, la CIA réunit en un seul document deux "
                            "conventions antérieures : l'accord collectif intercommunal et la "
                            "convention d'équilibre territorial prévue par la loi Lamy. Elle "
                            "traduit les orientations de la CIL en engagements précis pour chaque "
                            "bailleur et chaque réservataire, et elle est agréée par le préfet.</p>"
                        ),
                    ),
                    (
                        "legal_reference",
                        {
                            "text": "Code de la construction et de l'habitation",
                            "article": "L441-1-6",
                            "date": None,
                            "url": "https://www.legifrance.gouv.fr/",
                            "note": (
                                "Prévoit la convention intercommunale d'attribution, agréée par le préfet."
                            ),
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<h3>Objectif 1 : 25 % des attributions hors QPV pour le premier "
                            "quartile</h3><p>Chaque année, au moins <b>25 %</b> des attributions "
                            "suivies d'un bail signé portant sur des logements situés <b>hors "
                            "QPV</b> doivent bénéficier :</p><ul><li>soit à des demandeurs dont "
                            "les ressources par unité de consommation se situent dans le "
                            "<b>premier quartile</b>, c'est-à-dire parmi le quart des demandeurs "
                            "les plus modestes ;</li><li>soit à des ménages relogés dans le cadre "
                            "d'une opération de renouvellement urbain ou d'une opération de "
                            "requalification de copropriétés dégradées (ORCOD).</li></ul><p>Le "
                            "seuil du premier quartile est calculé à partir des données du SNE "
                            "(revenus mensuels multipliés par douze, rapportés aux unités de "
                            "consommation), pour chaque EPCI — à l'échelle régionale en "
                            "Île-de-France. Il est fixé chaque année par arrêté ministériel : par "
                            "exemple l'arrêté du 3 juin 2024, applicable au 1er janvier 2025. Les "
                            "bailleurs transmettent au préfet un tableau de suivi dans les quinze "
                            "jours qui suivent le 30 juin et le 31 décembre (arrêté du 6 juin "
                            "2023).</p><p>Un amendement gouvernemental débattu lors de la loi "
                            "prévoyait que la CIL puisse adapter ce taux, en accord avec l'État et "
                            "avec une révision triennale : <i>faculté à vérifier dans la version "
                            "en vigueur de l'article L441-1 avant diffusion.</i></p>"
                        ),
                    ),
                    (
                        "legal_reference",
                        {
                            "text": "Loi n° 2017-86 du 27 janvier 2017 (Égalité et citoyenneté)",
                            "article": "70",
                            "date": "2017-01-27",
                            "url": "https://www.legifrance.gouv.fr/",
                            "note": (
                                "Instaure l'objectif d'au moins 25 % d'attributions hors QPV au "
                                "bénéfice des demandeurs du premier quartile ou de ménages relogés "
                                "; disposition codifiée à l'article L441-1 du CCH."
                            ),
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<h3>Objectif 2 : au moins 50 % en QPV pour les autres "
                            "quartiles</h3><p>Dans les QPV, les orientations de la CIL fixent un "
                            "objectif quantifié d'attributions à des demandeurs <b>autres</b> que "
                            "ceux du premier quartile ; à défaut, cet objectif est de <b>50 "
                            "%</b>.</p><h3>Objectif 3 : 25 % pour les publics "
                            "prioritaires</h3><p>Selon les sources consultées, chaque réservataire "
                            "(collectivités, Action Logement) — et le bailleur sur ses logements "
                            "non réservés — consacre au moins <b>25 %</b> de ses attributions aux "
                            "ménages reconnus au titre du DALO, puis aux publics prioritaires de "
                            "l'article L441-1. Le contingent du préfet, qui peut atteindre 30 % "
                            "des logements (dont 5 % au plus pour les agents de l'État), est quant "
                            "à lui dédié aux publics prioritaires.</p><h3>Où en est-on "
                            "?</h3><p>D'après l'ANCOLS, la loi concerne environ 400 EPCI. En 2019, "
                            "15,5 % des attributions hors QPV (42 000 sur 272 000) ont bénéficié "
                            "au premier quartile, contre 14 % en 2018 ; seuls 8 % des EPCI "
                            "atteignaient les 25 %, et très peu en zone tendue. Selon une autre "
                            "étude de l'ANCOLS, accroître cette part n'accroît pas la "
                            "ségrégation.</p><p>En Hauts-de-France, la DREAL constate que "
                            "l'objectif hors QPV n'est pas encore pleinement atteint, malgré des "
                            "progrès depuis 2018. Exemple : la Métropole européenne de Lille a "
                            "intégré à sa CIA un dispositif inter-bailleurs pour les « mutations "
                            "bloquées complexes ».</p>"
                        ),
                    ),
                    (
                        "accordion",
                        {
                            "title": "Questions fréquentes",
                            "items": [
                                {
                                    "question": ("Le seuil du premier quartile est-il le même partout ?"),
                                    "answer": (
                                        "<p>Non. Il est calculé par EPCI (à l'échelle régionale en "
                                        "Île-de-France) à partir des données du SNE et fixé chaque "
                                        "année par arrêté ministériel. Il faut donc utiliser le "
                                        "seuil en vigueur sur le territoire et pour l'année "
                                        "concernée.</p>"
                                    ),
                                },
                                {
                                    "question": (
                                        "Viser l'objectif de 25 % autorise-t-il à choisir les "
                                        "candidats « sur profil » ?"
                                    ),
                                    "answer": (
                                        "<p>Non. L'objectif se mesure uniquement sur les "
                                        "<b>ressources</b>. Il ne permet aucun tri selon "
                                        "l'origine, la situation de famille ou le lieu de "
                                        "résidence, et chaque décision reste individuelle, fondée "
                                        "sur des éléments objectifs et motivée.</p>"
                                    ),
                                },
                            ],
                        },
                    ),
                    (
                        "key_points",
                        {
                            "title": "À retenir",
                            "text": (
                                "<ul><li>La réforme concerne les EPCI dotés d'un PLH ou compétents "
                                "en habitat comptant au moins un QPV, plus Paris et les EPT du "
                                "Grand Paris.</li><li>La CIL fixe les orientations ; la CIA, "
                                "agréée par le préfet, les décline pour chaque bailleur et "
                                "réservataire.</li><li>Hors QPV : au moins 25 % des attributions "
                                "au premier quartile ou à des ménages relogés.</li><li>En QPV : un "
                                "objectif fixé par la CIL pour les autres quartiles, 50 % à "
                                "défaut.</li></ul>"
                            ),
                        },
                    ),
                    (
                        "glossary_term",
                        {
                            "term": "Premier quartile",
                            "definition": (
                                "Quart des demandeurs de logement social aux ressources par unité "
                                "de consommation les plus faibles, sur un territoire donné ; le "
                                "seuil correspondant est fixé chaque année par arrêté ministériel "
                                "à partir des données du SNE."
                            ),
                        },
                    ),
                ],
            },
            {
                "title": "La cotation de la demande",
                "slug": "cotation-de-la-demande",
                "summary": (
                    "Comment fonctionne la cotation, ce que le demandeur doit pouvoir en connaître "
                    "et pourquoi elle reste une aide à la décision, comme l'a jugé le Conseil "
                    "d'État."
                ),
                "duration_minutes": 20,
                "body": [
                    (
                        "paragraph",
                        (
                            "<p>La cotation consiste à attribuer des points à chaque demande de "
                            "logement social selon des critères objectifs, pondérés et définis à "
                            "l'avance. Elle répond à une double exigence : rendre le traitement "
                            "des demandes plus transparent et mieux intégrer les priorités fixées "
                            "par la loi. Pour un·e référent·e égalité de traitement, c'est un "
                            "outil précieux… à condition d'en connaître les limites.</p>"
                        ),
                    ),
                    (
                        "timeline",
                        {
                            "title": "La cotation en quelques dates",
                            "events": [
                                {
                                    "when": "2017",
                                    "title": "Loi Égalité et citoyenneté",
                                    "description": "La cotation de la demande devient possible.",
                                },
                                {
                                    "when": "23/11/2018",
                                    "title": "Loi ELAN, article 111",
                                    "description": (
                                        "La cotation devient obligatoire dans les EPCI soumis à la "
                                        "réforme des attributions."
                                    ),
                                },
                                {
                                    "when": "17/12/2019",
                                    "title": "Décret n° 2019-1378",
                                    "description": (
                                        "Précise les modalités de la cotation ; il est ensuite "
                                        "modifié par le décret n° 2021-1016 du 30 juillet 2021."
                                    ),
                                },
                                {
                                    "when": "01/09/2021",
                                    "title": "Échéance initiale",
                                    "description": (
                                        "Date à laquelle les systèmes de cotation devaient "
                                        "initialement être en place."
                                    ),
                                },
                                {
                                    "when": "21/02/2022",
                                    "title": "Loi 3DS",
                                    "description": (
                                        "Reporte l'échéance au 31 décembre 2023. Une instruction "
                                        "du 28 mars 2022 accompagne la mise en œuvre de la "
                                        "cotation et de la gestion en flux."
                                    ),
                                },
                                {
                                    "when": "27/12/2024",
                                    "title": "Conseil d'État, n° 491357",
                                    "description": (
                                        "Juge que la cotation est une aide à la décision et ne lie "
                                        "pas la commission d'attribution."
                                    ),
                                },
                            ],
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<h3>Ce que contient une cotation</h3><p>Les critères retenus doivent "
                            "intégrer les priorités de l'article L441-1 et les ménages reconnus au "
                            "titre du DALO. Pour le demandeur, la cotation se traduit par trois "
                            "informations :</p><ul><li>une <b>note</b>, c'est-à-dire le nombre de "
                            "points obtenus ;</li><li>la <b>durée moyenne d'attente</b> constatée "
                            "pour des demandes similaires ;</li><li>le <b>positionnement</b> "
                            "relatif de sa demande par rapport aux autres demandes.</li></ul><p>Le "
                            "demandeur doit pouvoir être informé de ces éléments. Depuis la loi "
                            "ELAN, le système de cotation — critères, pondération, effets d'un "
                            "refus de proposition — est décrit dans le plan partenarial de gestion "
                            "de la demande et d'information des demandeurs (PPGDID) de "
                            "l'EPCI.</p><h3>Une aide à la décision, pas un classement "
                            "automatique</h3><p>La cotation ne retire pas sa compétence à la "
                            "commission d'attribution. Dans une décision du 27 décembre 2024, le "
                            "Conseil d'État a jugé qu'une cotation plus élevée ne suffit pas à "
                            "remettre en cause l'appréciation portée par la commission. Dans cette "
                            "affaire, la candidate classée deuxième totalisait 26 points, contre "
                            "17 pour le candidat classé premier. Le Conseil d'État a également "
                            "annulé le jugement qui avait retenu une discrimination directe liée à "
                            "l'âge, faute de situations comparables entre les candidats.</p>"
                        ),
                    ),
                    (
                        "legal_reference",
                        {
                            "text": "Conseil d'État, 27 décembre 2024, n° 491357 (Paris Habitat)",
                            "article": "",
                            "date": "2024-12-27",
                            "url": "",
                            "note": (
                                "La cotation est une aide à la décision : une note plus élevée ne "
                                "suffit pas à remettre en cause l'appréciation de la commission ; "
                                "pas de discrimination directe liée à l'âge faute de situations "
                                "comparables."
                            ),
                        },
                    ),
                    (
                        "legal_reference",
                        {
                            "text": "Loi n° 2018-1021 du 23 novembre 2018 (ELAN)",
                            "article": "111",
                            "date": "2018-11-23",
                            "url": "https://www.legifrance.gouv.fr/",
                            "note": (
                                "Rend la cotation de la demande obligatoire dans les EPCI soumis à "
                                "la réforme des attributions."
                            ),
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<h3>La bonne pratique : motiver l'écart</h3><p>Que la commission "
                            "puisse s'écarter de l'ordre des notes ne signifie pas qu'elle peut le "
                            "faire sans raison. Tout écart entre la cotation et la décision doit "
                            "être justifié par des éléments objectifs et écrits : adéquation du "
                            "logement à la composition du ménage, urgence de la situation, "
                            "accessibilité pour une personne handicapée… À défaut, l'écart pourra "
                            "être lu comme l'indice d'un traitement différencié — le module 4 "
                            "explique pourquoi, devant le juge civil ou administratif, c'est alors "
                            "au bailleur de démontrer que sa décision repose sur des éléments "
                            "objectifs.</p>"
                        ),
                    ),
                    (
                        "accordion",
                        {
                            "title": "Questions fréquentes",
                            "items": [
                                {
                                    "question": (
                                        "Un demandeur peut-il exiger d'être retenu parce qu'il a "
                                        "la meilleure note ?"
                                    ),
                                    "answer": (
                                        "<p>Non. La cotation éclaire la décision mais ne la dicte "
                                        "pas. La commission garde son pouvoir d'appréciation, "
                                        "qu'elle doit exercer sur des éléments objectifs et "
                                        "motiver, surtout lorsqu'elle s'écarte de l'ordre des "
                                        "notes.</p>"
                                    ),
                                },
                                {
                                    "question": (
                                        "Un refus de proposition peut-il avoir des effets sur la cotation ?"
                                    ),
                                    "answer": (
                                        "<p>Les effets d'un refus font partie des règles que le "
                                        "PPGDID doit décrire. Ils doivent donc être définis à "
                                        "l'avance, connus du demandeur et appliqués de la même "
                                        "manière à tous.</p>"
                                    ),
                                },
                                {
                                    "question": (
                                        "Les critères de cotation peuvent-ils favoriser les "
                                        "habitants de la commune ?"
                                    ),
                                    "answer": (
                                        "<p>Le lien avec la commune ne peut être qu'un élément "
                                        "parmi d'autres et jamais un motif exclusif. Les critères "
                                        "doivent intégrer les priorités légales de l'article "
                                        "L441-1 ; un acteur local ne peut pas créer de priorité "
                                        "contraire à la loi.</p>"
                                    ),
                                },
                            ],
                        },
                    ),
                    (
                        "key_points",
                        {
                            "title": "À retenir",
                            "text": (
                                "<ul><li>La cotation attribue des points selon des critères "
                                "objectifs, pondérés et définis à l'avance, qui intègrent les "
                                "priorités légales.</li><li>Le demandeur doit pouvoir connaître sa "
                                "note, la durée moyenne d'attente pour des demandes similaires et "
                                "son positionnement.</li><li>Obligatoire dans les EPCI de la "
                                "réforme (ELAN), avec une échéance reportée au 31 décembre 2023 "
                                "(3DS).</li><li>C'est une aide à la décision : la commission n'est "
                                "pas liée par la note (CE, 27 décembre 2024).</li><li>Tout écart "
                                "entre cotation et décision se motive par écrit, sur des éléments "
                                "objectifs.</li></ul>"
                            ),
                        },
                    ),
                    (
                        "glossary_term",
                        {
                            "term": "Cotation",
                            "definition": (
                                "Système de points attribués à chaque demande de logement social "
                                "selon des critères objectifs et pondérés, décrit dans le PPGDID ; "
                                "il sert d'aide à la décision et ne remplace pas l'appréciation de "
                                "la commission."
                            ),
                        },
                    ),
                ],
            },
        ],
    },
    {
        "number": 3,
        "title": "De la demande au bail : publics prioritaires, DALO, CALEOL, décisions",
        "slug": "m3-de-la-demande-au-bail",
        "intro": (
            "<p>Ce module suit une demande jusqu'à la signature du bail : les publics que la loi "
            "déclare prioritaires, le recours DALO, la commission d'attribution et d'examen de "
            "l'occupation des logements (CALEOL) et les décisions qu'elle rend.</p><p>Les leçons "
            "présentées ici portent sur le cœur du processus : la composition et le fonctionnement "
            "de la CALEOL, puis la motivation des décisions, les recours et la jurisprudence "
            "utile.</p>"
        ),
        "objectives": [
            "Décrire la composition de la CALEOL et ses principales règles de fonctionnement.",
            (
                "Distinguer le rejet d'une demande et la non-attribution d'un logement, et motiver "
                "chacune de ces décisions."
            ),
            (
                "Connaître les décisions de justice récentes sur la cotation, le classement et la "
                "motivation des refus."
            ),
            (
                "Situer l'examen triennal de l'occupation et les demandes de mutation dans le "
                "parcours résidentiel."
            ),
        ],
        "lessons": [
            {
                "title": "La CALEOL : composition et fonctionnement",
                "slug": "caleol-composition-et-fonctionnement",
                "summary": (
                    "Qui siège en commission d'attribution, avec quelle voix, et quelles règles "
                    "encadrent l'examen des candidatures et l'examen de l'occupation des logements."
                ),
                "duration_minutes": 20,
                "body": [
                    (
                        "paragraph",
                        (
                            "<p>Chaque organisme Hlm, ainsi que chaque société d'économie mixte "
                            "agréée, dispose d'une commission d'attribution des logements et "
                            "d'examen de l'occupation des logements (CALEOL). Son nom actuel vient "
                            "de la loi ELAN (article 109), qui a ajouté aux attributions une "
                            "mission d'examen de l'occupation des logements. C'est l'instance qui "
                            "décide, logement par logement, à quel ménage le logement est "
                            "attribué.</p>"
                        ),
                    ),
                    (
                        "legal_reference",
                        {
                            "text": "Code de la construction et de l'habitation",
                            "article": "L441-2",
                            "date": None,
                            "url": "https://www.legifrance.gouv.fr/",
                            "note": (
                                "Institue la commission d'attribution des logements et d'examen de "
                                "l'occupation des logements dans chaque organisme Hlm et fixe sa "
                                "composition."
                            ),
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<h3>Qui siège, et avec quelle voix ?</h3><p><b>Avec voix délibérative "
                            ":</b></p><ul><li>six membres désignés par le conseil d'administration "
                            "de l'organisme, dont un représentant des locataires ;</li><li>le "
                            "maire de la commune où se situe le logement, ou son représentant "
                            ";</li><li>le préfet, ou son représentant ;</li><li>le président de "
                            "l'EPCI compétent en matière de programme local de l'habitat, ou son "
                            "représentant ;</li><li>le cas échéant, un représentant d'un organisme "
                            "qui a confié à l'organisme la gérance de "
                            "logements.</li></ul><p><b>Avec voix consultative :</b></p><ul><li>un "
                            "représentant d'un organisme agréé exerçant des activités "
                            "d'intermédiation locative ou d'ingénierie sociale ;</li><li>les "
                            "réservataires qui ne sont pas membres de droit, pour les logements "
                            "relevant de leur contingent ;</li><li>à Paris, Lyon et Marseille, les "
                            "maires d'arrondissement.</li></ul><h3>La voix prépondérante</h3><p>En "
                            "cas de partage égal des voix, les présentations de la loi publiées en "
                            "2023 attribuent la voix prépondérante au maire. Une règle la confiant "
                            "au président de l'EPCI a toutefois été débattue lors de l'examen de "
                            "la loi Égalité et citoyenneté : <i>ce point est à vérifier dans la "
                            "rédaction en vigueur de l'article L441-2 avant "
                            "diffusion.</i></p><h3>Les règles de fonctionnement à "
                            "connaître</h3><ul><li><b>Au moins trois demandes par logement.</b> "
                            "Sauf insuffisance de candidats ou candidat reconnu au titre du DALO "
                            "désigné par le préfet, la commission examine au moins trois "
                            "candidatures pour chaque logement.</li><li><b>Un classement "
                            "possible.</b> La commission peut classer les candidats par ordre de "
                            "priorité : si le premier refuse, le logement est attribué au "
                            "suivant.</li><li><b>Une décision nominative.</b> Chaque logement est "
                            "attribué à un ménage identifié. Les dossiers peuvent être anonymisés "
                            "lors de la préparation de la séance, mais la décision reste "
                            "nominative.</li><li><b>Un délai de réponse.</b> Selon les sources "
                            "consultées, le candidat dispose d'au moins dix jours pour répondre à "
                            "une proposition de logement.</li></ul>"
                        ),
                    ),
                    (
                        "legal_reference",
                        {
                            "text": "Code de la construction et de l'habitation",
                            "article": "R441-3",
                            "date": None,
                            "url": "https://www.legifrance.gouv.fr/",
                            "note": (
                                "Prévoit l'examen d'au moins trois demandes par logement, sauf "
                                "insuffisance de candidats ou candidat DALO désigné par le préfet, "
                                "et permet de classer les candidats par ordre de priorité."
                            ),
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<h3>Le second métier de la CALEOL : l'examen de "
                            "l'occupation</h3><p>En zone tendue, le bailleur examine tous les "
                            "trois ans, à compter de la signature du bail, les conditions "
                            "d'occupation du logement. Il transmet à la CALEOL les dossiers des "
                            "locataires qui se trouvent dans l'une des situations suivantes "
                            ":</p><ul><li>sur-occupation ou sous-occupation du logement "
                            ";</li><li>logement adapté que n'occupe plus la personne handicapée "
                            "pour laquelle il avait été attribué ;</li><li>handicap ou perte "
                            "d'autonomie reconnus, qui nécessitent un logement adapté "
                            ";</li><li>dépassement du plafond de ressources.</li></ul><p>La "
                            "commission constate la situation, définit les caractéristiques du "
                            "logement adapté et peut conseiller l'accession à la propriété ; le "
                            "bailleur examine ensuite avec le locataire les possibilités de "
                            "parcours résidentiel. L'enjeu est important en Hauts-de-France : fin "
                            "2023, les demandes de mutation représentaient 39 % de la demande et "
                            "31 % des attributions (14 000 sur 45 000), avec une attente moyenne "
                            "d'environ dix-huit mois.</p>"
                        ),
                    ),
                    (
                        "legal_reference",
                        {
                            "text": "Code de la construction et de l'habitation",
                            "article": "L442-5-2",
                            "date": None,
                            "url": "https://www.legifrance.gouv.fr/",
                            "note": (
                                "Organise l'examen triennal des conditions d'occupation en zone "
                                "tendue et la transmission à la CALEOL des situations de sur- ou "
                                "sous-occupation, de handicap ou de perte d'autonomie et de "
                                "dépassement des plafonds."
                            ),
                        },
                    ),
                    (
                        "accordion",
                        {
                            "title": "Questions fréquentes",
                            "items": [
                                {
                                    "question": (
                                        "Le maire préside-t-il la CALEOL et dispose-t-il d'un droit de veto ?"
                                    ),
                                    "answer": (
                                        "<p>Une proposition de loi adoptée au Sénat le 10 octobre "
                                        "2023 prévoyait de confier la présidence de la CALEOL au "
                                        "maire et de lui reconnaître un droit de veto. À la date "
                                        "des sources consultées, ce texte n'était pas promulgué : "
                                        "ces règles ne s'appliquent donc pas tant qu'il n'a pas "
                                        "été définitivement adopté. Son statut est à actualiser "
                                        "avant diffusion.</p>"
                                    ),
                                },
                                {
                                    "question": ("L'anonymisation des dossiers est-elle obligatoire ?"),
                                    "answer": (
                                        "<p>C'est une possibilité au stade de la préparation de la "
                                        "séance, non une obligation. Elle ne change pas la nature "
                                        "de la décision, qui reste nominative.</p>"
                                    ),
                                },
                                {
                                    "question": (
                                        "Faut-il trois candidats quand le préfet désigne un ménage "
                                        "reconnu DALO ?"
                                    ),
                                    "answer": (
                                        "<p>Non. La désignation par le préfet d'un candidat "
                                        "reconnu au titre du DALO fait partie des exceptions à la "
                                        "règle des trois demandes, tout comme l'insuffisance de "
                                        "candidats.</p>"
                                    ),
                                },
                            ],
                        },
                    ),
                    (
                        "key_points",
                        {
                            "title": "À retenir",
                            "text": (
                                "<ul><li>Chaque organisme Hlm et chaque SEM agréée a une CALEOL "
                                "(nom issu de la loi ELAN).</li><li>Voix délibérative : six "
                                "membres du conseil d'administration dont un représentant des "
                                "locataires, le maire, le préfet, le président de l'EPCI "
                                "compétent.</li><li>Au moins trois candidatures par logement, sauf "
                                "exceptions ; classement possible ; décision toujours "
                                "nominative.</li><li>En zone tendue, l'occupation est examinée "
                                "tous les trois ans et certaines situations sont transmises à la "
                                "CALEOL.</li><li>Voix prépondérante et propositions de loi "
                                "récentes : points à vérifier avant diffusion.</li></ul>"
                            ),
                        },
                    ),
                    (
                        "glossary_term",
                        {
                            "term": "CALEOL",
                            "definition": (
                                "Commission d'attribution des logements et d'examen de "
                                "l'occupation des logements : instance de chaque organisme Hlm qui "
                                "attribue nominativement les logements et examine les situations "
                                "d'occupation transmises par le bailleur."
                            ),
                        },
                    ),
                ],
            },
            {
                "title": "Décisions, motivation, recours et jurisprudence utile",
                "slug": "decisions-motivation-recours",
                "summary": (
                    "Distinguer rejet et non-attribution, motiver les décisions sur des éléments "
                    "objectifs et connaître le juge compétent ainsi que les décisions récentes du "
                    "Conseil d'État."
                ),
                "duration_minutes": 25,
                "body": [
                    (
                        "paragraph",
                        (
                            "<p>Savoir qualifier une décision de la CALEOL, la motiver et "
                            "anticiper les recours est au cœur du rôle de référent·e : une "
                            "décision bien motivée protège le demandeur comme "
                            "l'organisme.</p><h3>Rejet et non-attribution : deux situations à "
                            "distinguer</h3><ul><li>Le <b>rejet</b> met fin à l'examen de la "
                            "demande parce qu'une condition d'accès n'est pas remplie : séjour "
                            "irrégulier, ressources supérieures aux plafonds, absence de numéro "
                            "unique d'enregistrement.</li><li>La <b>non-attribution</b> concerne "
                            "un candidat qui remplit les conditions d'accès mais n'est pas retenu "
                            "pour ce logement, soit qu'un autre candidat ait été préféré, soit que "
                            "le logement ne convienne pas à sa situation.</li></ul><p>Tout rejet "
                            "doit être notifié par écrit et motivé. Être propriétaire d'un "
                            "logement adapté aux besoins du ménage, ou d'un logement procurant des "
                            "revenus suffisants, <b>peut</b> justifier un refus — sauf lorsqu'un "
                            "membre du ménage bénéficie ou a bénéficié d'une ordonnance de "
                            "protection, c'est-à-dire dans les situations de violences.</p>"
                        ),
                    ),
                    (
                        "legal_reference",
                        {
                            "text": "Code de la construction et de l'habitation",
                            "article": "L441-2-2",
                            "date": None,
                            "url": "https://www.legifrance.gouv.fr/",
                            "note": (
                                "Impose la notification écrite et motivée de tout rejet ; la "
                                "propriété d'un logement adapté ou procurant des revenus "
                                "suffisants peut motiver un refus, sauf pour un membre du ménage "
                                "bénéficiant ou ayant bénéficié d'une ordonnance de protection."
                            ),
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<h3>Motifs légitimes, motifs à proscrire</h3><p>Certains motifs de "
                            "non-attribution sont considérés comme légitimes, <b>à condition "
                            "d'être objectivés</b> :</p><ul><li>l'inadaptation du logement à la "
                            "composition du ménage (sous-occupation ou sur-occupation) "
                            ";</li><li>une capacité financière insuffisante, démontrée par le "
                            "calcul du taux d'effort et du reste à vivre ;</li><li>l'éloignement "
                            "du lieu de travail.</li></ul><p>D'autres sont à proscrire : invoquer "
                            "des « ressources trop faibles » sans aucune analyse, opposer "
                            "l'absence de lien avec la commune comme seul motif, ou exiger des "
                            "pièces qui ne figurent pas dans la réglementation. Pour motiver les "
                            "refus et les non-attributions, l'USH a publié un guide Repères n° 47 "
                            "(mars 2018) ; son Repères n° 65 (février 2020) traite de la cotation "
                            "et de la location voulue.</p><h3>Quel juge ?</h3><p>Le Tribunal des "
                            "conflits a tranché en 2016 : le refus d'attribuer un logement social "
                            "est une décision administrative, qui relève du juge administratif, "
                            "que le bailleur soit un organisme public ou privé.</p>"
                        ),
                    ),
                    (
                        "legal_reference",
                        {
                            "text": "Tribunal des conflits, 9 mai 2016, C4048",
                            "article": "",
                            "date": "2016-05-09",
                            "url": "",
                            "note": (
                                "Le refus d'attribution d'un logement social relève du juge "
                                "administratif, quel que soit le statut du bailleur."
                            ),
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<h3>Jurisprudence récente du Conseil d'État</h3><ul><li><b>11 "
                            "décembre 2020, n° 430913 (Efidis)</b> : d'après un résumé secondaire "
                            "de la décision, un refus fondé sur l'insuffisance des ressources a "
                            "été jugé suffisamment motivé et légal, le taux d'effort ayant été "
                            "calculé conformément à l'arrêté applicable.</li><li><b>27 décembre "
                            "2024, n° 491357</b> : la cotation est une aide à la décision ; une "
                            "note plus élevée ne suffit pas à remettre en cause l'appréciation de "
                            "la commission (voir module 2).</li><li><b>27 novembre 2025, n° "
                            "496595</b>, mentionnée aux Tables : le rang attribué à un demandeur "
                            "par la CALEOL n'est pas un acte faisant grief et ne peut donc pas "
                            "être contesté par un recours pour excès de pouvoir.</li><li><b>27 "
                            "novembre 2025, n° 500751</b> : selon un commentaire d'avocat, un "
                            "refus notifié par référence au classement issu de la cotation aurait "
                            "été jugé suffisamment motivé, alors que le tribunal administratif de "
                            "Paris l'avait annulé faute d'éléments personnalisés. <i>Décision à "
                            "lire sur le texte officiel avant toute diffusion.</i></li></ul>"
                        ),
                    ),
                    (
                        "legal_reference",
                        {
                            "text": "Conseil d'État, 27 novembre 2025, n° 496595",
                            "article": "",
                            "date": "2025-11-27",
                            "url": "",
                            "note": (
                                "La décision de la CALEOL qui attribue un rang à un demandeur "
                                "n'est pas un acte faisant grief susceptible de recours pour excès "
                                "de pouvoir."
                            ),
                        },
                    ),
                    (
                        "case_study",
                        {
                            "title": "Un refus pour « ressources insuffisantes »",
                            "situation": (
                                "<p>Une CALEOL examine trois candidatures pour un T2. M. E., qui "
                                "travaille à temps partiel et perçoit une aide au logement, est "
                                "écarté. Le procès-verbal porte une seule mention : « ressources "
                                "insuffisantes ». Aucun calcul n'a été joint au dossier.</p><p>M. "
                                "E. reçoit un courrier reprenant cette formule. Il demande des "
                                "explications au bailleur et annonce qu'il envisage un recours.</p>"
                            ),
                            "questions": [
                                (
                                    "La mention « ressources insuffisantes » suffit-elle à fonder "
                                    "et motiver la décision ?"
                                ),
                                "Quels éléments le dossier aurait-il dû contenir ?",
                                "Devant quel juge M. E. pourrait-il contester le refus ?",
                            ],
                            "debrief": (
                                "<p><b>Une motivation fragile.</b> L'insuffisance de ressources "
                                "n'est un motif légitime que si elle est démontrée par un calcul "
                                "du taux d'effort et du reste à vivre conforme à la "
                                "réglementation, aide au logement comprise. C'est ce type de "
                                "calcul qui a permis au Conseil d'État, dans l'affaire Efidis "
                                "(2020), de valider un refus fondé sur ce motif.</p><p><b>Le "
                                "dossier</b> aurait dû comporter la grille de calcul (loyer et "
                                "charges, ressources retenues, aide au logement, résultat et seuil "
                                "de référence), reprise de façon synthétique au "
                                "procès-verbal.</p><p><b>Le risque</b> : des « ressources trop "
                                "faibles » affirmées sans analyse peuvent traduire une "
                                "discrimination fondée sur la particulière vulnérabilité résultant "
                                "de la situation économique, critère prohibé par l'article 225-1 "
                                "du Code pénal (module 4).</p><p><b>Le juge compétent</b> est le "
                                "juge administratif, quel que soit le statut du bailleur (Tribunal "
                                "des conflits, 2016). Le ou la référent·e peut proposer de joindre "
                                "systématiquement les calculs aux dossiers présentés en "
                                "commission.</p>"
                            ),
                        },
                    ),
                    (
                        "key_points",
                        {
                            "title": "À retenir",
                            "text": (
                                "<ul><li>Rejet (condition d'accès non remplie) et non-attribution "
                                "(candidat non retenu) sont deux décisions "
                                "différentes.</li><li>Tout rejet est notifié par écrit et motivé "
                                "(article L441-2-2 du CCH).</li><li>Un motif n'est légitime que "
                                "s'il est objectivé (typologie, taux d'effort et reste à vivre "
                                "calculés).</li><li>Le refus d'attribution relève du juge "
                                "administratif, quel que soit le statut du bailleur.</li><li>Le "
                                "simple rang attribué en CALEOL n'est pas attaquable en excès de "
                                "pouvoir (CE, 27 novembre 2025).</li></ul>"
                            ),
                        },
                    ),
                    (
                        "glossary_term",
                        {
                            "term": "Non-attribution",
                            "definition": (
                                "Décision par laquelle la commission ne retient pas, pour un "
                                "logement donné, un candidat qui remplit pourtant les conditions "
                                "d'accès ; elle se distingue du rejet de la demande et doit "
                                "reposer sur des éléments objectifs."
                            ),
                        },
                    ),
                ],
            },
        ],
    },
    {
        "number": 4,
        "title": "Le droit de la non-discrimination appliqué au logement social",
        "slug": "m4-non-discrimination",
        "intro": (
            "<p>La discrimination n'est pas seulement une question d'éthique professionnelle : "
            "c'est une notion juridique précise, qui peut constituer une infraction pénale. Ce "
            "module présente les critères prohibés, les formes de discrimination, les sanctions "
            "encourues, les règles de preuve et le rôle du Défenseur des droits.</p><p>Les leçons "
            "présentées ici posent les définitions indispensables : les critères de l'article "
            "225-1 du Code pénal, puis la distinction entre discrimination directe et indirecte, "
            "mise à l'épreuve d'une situation au guichet.</p>"
        ),
        "objectives": [
            (
                "Citer les critères de discrimination de l'article 225-1 du Code pénal les plus "
                "exposés dans l'accès au logement."
            ),
            (
                "Distinguer discrimination directe, discrimination indirecte, harcèlement "
                "discriminatoire et injonction de discriminer."
            ),
            (
                "Connaître les sanctions pénales encourues et le régime de la preuve devant les "
                "différents juges."
            ),
            "Savoir orienter une personne vers le Défenseur des droits.",
        ],
        "lessons": [
            {
                "title": "Les critères de discrimination de l'article 225-1 du Code pénal",
                "slug": "criteres-article-225-1",
                "summary": (
                    "La liste des critères prohibés, la manière de les compter, leur évolution "
                    "récente et ceux qui se rencontrent le plus souvent dans la chaîne "
                    "d'attribution."
                ),
                "duration_minutes": 20,
                "body": [
                    (
                        "paragraph",
                        (
                            "<p>En droit français, une discrimination est une distinction opérée "
                            "entre des personnes physiques en raison d'un critère que la loi "
                            "interdit de prendre en compte. L'article 225-1 du Code pénal en "
                            "dresse la liste ; il vise aussi, par extension, les distinctions "
                            "entre personnes morales fondées sur les caractéristiques de leurs "
                            "membres. Pour un acteur de l'attribution, cette liste est le point de "
                            "départ de toute analyse : un motif de refus qui s'y rattache, même de "
                            "façon détournée, est un signal d'alerte.</p>"
                        ),
                    ),
                    (
                        "legal_reference",
                        {
                            "text": "Code pénal",
                            "article": "225-1",
                            "date": None,
                            "url": "https://www.legifrance.gouv.fr/",
                            "note": (
                                "Définit la discrimination comme une distinction fondée sur un "
                                "critère prohibé et énumère ces critères ; version en vigueur "
                                "depuis le 1er septembre 2022."
                            ),
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<h3>La liste des critères</h3><p>Dans sa version en vigueur depuis le "
                            "1er septembre 2022, l'article vise :</p><ul><li>l'origine, le sexe, "
                            "la situation de famille, la grossesse et l'apparence physique "
                            ";</li><li>la particulière vulnérabilité résultant de la situation "
                            "économique, apparente ou connue de l'auteur ;</li><li>le patronyme et "
                            "le lieu de résidence ;</li><li>l'état de santé, la perte d'autonomie, "
                            "le handicap et les caractéristiques génétiques ;</li><li>les mœurs, "
                            "l'orientation sexuelle, l'identité de genre et l'âge ;</li><li>les "
                            "opinions politiques et les activités syndicales ;</li><li>la qualité "
                            "de lanceur d'alerte, de facilitateur ou de personne en lien avec un "
                            "lanceur d'alerte ;</li><li>la capacité à s'exprimer dans une langue "
                            "autre que le français ;</li><li>l'appartenance ou la "
                            "non-appartenance, vraie ou supposée, à une ethnie, une Nation, une "
                            "prétendue race ou une religion déterminée.</li></ul><h3>Combien de "
                            "critères ?</h3><p>Le décompte dépend de la méthode. Item par item, "
                            "l'article 225-1 énumère <b>24 critères</b> (25 ou 26 si l'on "
                            "distingue lanceur d'alerte, facilitateur et personne en lien avec un "
                            "lanceur d'alerte). Le Défenseur des droits et service-public.fr "
                            "évoquent « <b>plus de 25 critères</b> », en additionnant ceux que "
                            "prévoient d'autres textes. Ainsi, la domiciliation bancaire figure "
                            "dans la loi du 27 mai 2008 et dans le Code du travail, mais pas à "
                            "l'article 225-1.</p><h3>Une liste qui évolue</h3><ul><li><b>2014</b> "
                            ": la loi Lamy du 21 février 2014 (article 15) ajoute le lieu de "
                            "résidence ;</li><li><b>2016</b> : selon les sources consultées, "
                            "plusieurs lois successives ajoutent notamment la particulière "
                            "vulnérabilité économique, puis l'identité de genre, la perte "
                            "d'autonomie et la langue ;</li><li><b>2022</b> : la loi n° 2022-401 "
                            "du 21 mars 2022, dite loi « Waserman », ajoute la qualité de lanceur "
                            "d'alerte, avec effet au 1er septembre 2022.</li></ul>"
                        ),
                    ),
                    (
                        "legal_reference",
                        {
                            "text": (
                                "Loi n° 2014-173 du 21 février 2014 de programmation pour la ville "
                                "(loi « Lamy »)"
                            ),
                            "article": "15",
                            "date": "2014-02-21",
                            "url": "https://www.legifrance.gouv.fr/",
                            "note": (
                                "Ajoute le lieu de résidence à la liste des critères de "
                                "discrimination de l'article 225-1 du Code pénal."
                            ),
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<h3>Les critères les plus exposés dans le logement social</h3><p>Tous "
                            "les critères peuvent se rencontrer, mais certains reviennent "
                            "particulièrement dans la chaîne d'attribution "
                            ":</p><ul><li><b>origine, patronyme, appartenance vraie ou supposée à "
                            "une Nation</b> : sélection « au nom », raisonnements sur l'« "
                            "équilibre » d'une résidence ;</li><li><b>lieu de résidence</b> : mise "
                            "à l'écart des candidats qui habitent un QPV ;</li><li><b>situation de "
                            "famille</b> : refus de familles monoparentales ou nombreuses sans "
                            "lien avec la typologie du logement ;</li><li><b>particulière "
                            "vulnérabilité économique</b> : « ressources trop faibles » affirmées "
                            "sans calcul ;</li><li><b>handicap et état de santé</b> : "
                            "appréciations sur le « mode de vie » ou l'« autonomie » supposée du "
                            "candidat ;</li><li><b>langue</b> : exiger la maîtrise du français "
                            "pour recevoir ou informer un demandeur.</li></ul><p>Les réclamations "
                            "adressées au Défenseur des droits confirment ce constat : en 2024, "
                            "parmi les réclamations relatives au logement, 33 % portaient sur le "
                            "handicap et 26 % sur l'origine.</p>"
                        ),
                    ),
                    (
                        "accordion",
                        {
                            "title": "Questions fréquentes",
                            "items": [
                                {
                                    "question": (
                                        "Tenir compte de l'adresse actuelle d'un demandeur, est-ce "
                                        "discriminer en raison du lieu de résidence ?"
                                    ),
                                    "answer": (
                                        "<p>Pas nécessairement. L'adresse actuelle peut éclairer "
                                        "l'urgence de la situation de logement (suroccupation, "
                                        "logement indécent…). En revanche, écarter un candidat "
                                        "<i>parce qu'il</i> vient d'un QPV ou d'un quartier donné "
                                        "relève du critère prohibé du lieu de résidence.</p>"
                                    ),
                                },
                                {
                                    "question": (
                                        "Examiner les ressources d'un candidat, est-ce discriminer "
                                        "en raison de sa vulnérabilité économique ?"
                                    ),
                                    "answer": (
                                        "<p>Non, dès lors que l'examen suit la réglementation : "
                                        "calcul du taux d'effort et du reste à vivre, aides au "
                                        "logement comprises. Le risque apparaît lorsque des « "
                                        "ressources trop faibles » sont invoquées sans analyse "
                                        "objective.</p>"
                                    ),
                                },
                                {
                                    "question": ("La domiciliation bancaire est-elle un critère prohibé ?"),
                                    "answer": (
                                        "<p>Oui, mais elle figure à l'article 1er de la loi du 27 "
                                        "mai 2008 et dans le Code du travail, et non à l'article "
                                        "225-1 du Code pénal.</p>"
                                    ),
                                },
                            ],
                        },
                    ),
                    (
                        "key_points",
                        {
                            "title": "À retenir",
                            "text": (
                                "<ul><li>L'article 225-1 du Code pénal définit la discrimination "
                                "et énumère 24 critères item par item ; le Défenseur des droits "
                                "parle de « plus de 25 critères » en droit français.</li><li>Lieu "
                                "de résidence ajouté en 2014 (loi Lamy) ; qualité de lanceur "
                                "d'alerte ajoutée en 2022 (loi Waserman).</li><li>Critères les "
                                "plus exposés dans l'attribution : origine et patronyme, lieu de "
                                "résidence, situation de famille, vulnérabilité économique, "
                                "handicap et santé, langue.</li><li>La domiciliation bancaire est "
                                "un critère de la loi de 2008, pas de l'article 225-1.</li></ul>"
                            ),
                        },
                    ),
                    (
                        "glossary_term",
                        {
                            "term": "Critère prohibé",
                            "definition": (
                                "Caractéristique d'une personne que la loi interdit de prendre en "
                                "compte pour la traiter moins favorablement, par exemple "
                                "l'origine, la situation de famille, le handicap ou le lieu de "
                                "résidence."
                            ),
                        },
                    ),
                ],
            },
            {
                "title": "Discrimination directe, indirecte, harcèlement et injonction",
                "slug": "directe-indirecte-harcelement-injonction",
                "summary": (
                    "Les définitions de la loi du 27 mai 2008, illustrées par des exemples tirés "
                    "du logement social et par une mise en situation au guichet d'enregistrement."
                ),
                "duration_minutes": 25,
                "body": [
                    (
                        "paragraph",
                        (
                            "<p>L'article 1er de la loi n° 2008-496 du 27 mai 2008 définit les "
                            "différentes formes de discrimination. Ces définitions sont "
                            "indispensables pour analyser une pratique : une règle d'apparence "
                            "neutre peut être discriminatoire si elle désavantage particulièrement "
                            "des personnes protégées, et une simple consigne peut suffire à "
                            "caractériser une discrimination.</p>"
                        ),
                    ),
                    (
                        "legal_reference",
                        {
                            "text": "Loi n° 2008-496 du 27 mai 2008",
                            "article": "1er",
                            "date": "2008-05-27",
                            "url": "https://www.legifrance.gouv.fr/",
                            "note": (
                                "Définit la discrimination directe et la discrimination indirecte, "
                                "et range parmi les discriminations le harcèlement lié à un "
                                "critère prohibé et l'injonction de discriminer."
                            ),
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<h3>La discrimination directe</h3><p>Elle existe lorsqu'une personne "
                            "est traitée moins favorablement qu'une autre, placée dans une "
                            "<b>situation comparable</b>, en raison d'un critère prohibé. Exemples "
                            ": écarter systématiquement les demandeurs qui habitent un QPV (lieu "
                            "de résidence) ; fixer un « quota » implicite de familles d'une "
                            "certaine origine par cage d'escalier (origine).</p><p>La "
                            "comparabilité des situations est décisive. Dans l'affaire jugée par "
                            "le Conseil d'État le 27 décembre 2024, aucune discrimination directe "
                            "liée à l'âge n'a été retenue, faute de situations comparables entre "
                            "les candidats.</p><h3>La discrimination indirecte</h3><p>Elle résulte "
                            "d'une disposition, d'un critère ou d'une pratique <b>apparemment "
                            "neutre</b> qui désavantage particulièrement des personnes relevant "
                            "d'un critère prohibé. Elle n'est admise que si elle est objectivement "
                            "justifiée par un <b>but légitime</b> et si les moyens employés sont "
                            "<b>nécessaires et appropriés</b>.</p><p>Exemple : exiger un contrat à "
                            "durée indéterminée ou un garant pour accéder à un logement social. La "
                            "règle s'applique à tous, mais elle pénalise davantage les plus "
                            "précaires, les jeunes ou les personnes étrangères, sans répondre à "
                            "une nécessité prévue par la réglementation.</p><h3>Le harcèlement et "
                            "l'injonction de discriminer</h3><p>Constituent aussi des "
                            "discriminations le harcèlement lié à un critère prohibé — des "
                            "agissements qui portent atteinte à la dignité d'une personne ou "
                            "créent un environnement hostile — et le fait d'enjoindre à quelqu'un "
                            "de discriminer. Pour un agent, une consigne du type « ne présentez "
                            "pas ce profil en commission » n'a donc rien d'anodin : la consigne "
                            "elle-même est une discrimination.</p><h3>Une liste de critères "
                            "alignée sur le Code pénal</h3><p>Selon les sources consultées, la "
                            "liste des critères de l'article 1er a été alignée sur celle du Code "
                            "pénal en 2016 (loi n° 2016-1547, dite loi « J21 »), avec un critère "
                            "supplémentaire : la domiciliation bancaire. L'ajout éventuel de la "
                            "qualité de lanceur d'alerte dans cette loi en 2022 <i>reste à "
                            "vérifier sur Légifrance</i>.</p>"
                        ),
                    ),
                    (
                        "case_study",
                        {
                            "title": "Au guichet : une demande de mutation et un handicap",
                            "situation": (
                                "<p>M. D., 52 ans, est locataire d'un office public de l'habitat, "
                                "au 4e étage d'un immeuble sans ascenseur situé en zone tendue. Il "
                                "se déplace désormais en fauteuil roulant et son handicap a été "
                                "reconnu. Il parle peu le français ; sa fille l'accompagne dans "
                                "ses démarches. Il se présente au guichet d'enregistrement de sa "
                                "commune pour demander une mutation vers un logement "
                                "adapté.</p><p>L'agent lui répond qu'il « faut d'abord un garant, "
                                "les trois derniers bulletins de salaire de sa fille et un "
                                "justificatif de résidence dans la commune depuis deux ans ». Il "
                                "lui conseille ensuite « d'attendre que son français s'améliore » "
                                "avant de reprendre rendez-vous.</p>"
                            ),
                            "questions": [
                                ("Quelles exigences de l'agent sont contraires à la réglementation ?"),
                                (
                                    "Lesquelles relèvent d'une discrimination directe, lesquelles "
                                    "d'une discrimination indirecte ? Quels critères sont en cause "
                                    "?"
                                ),
                                (
                                    "Quelles mesures correctives proposer au service d'accueil, et "
                                    "vers qui M. D. peut-il se tourner ?"
                                ),
                            ],
                            "debrief": (
                                "<ul><li><b>Garant et bulletins de salaire d'un tiers</b> : ces "
                                "pièces ne font pas partie de la liste réglementaire des pièces "
                                "justificatives. Les exiger est irrégulier et peut constituer une "
                                "<b>discrimination indirecte</b>, car ces exigences pèsent "
                                "davantage sur les personnes précaires ou "
                                "étrangères.</li><li><b>Justificatif de résidence dans la "
                                "commune</b> : aucune condition de résidence préalable ne peut "
                                "être opposée à l'enregistrement d'une demande.</li><li><b>« "
                                "Attendre que son français s'améliore »</b> : la capacité à "
                                "s'exprimer dans une langue autre que le français est un critère "
                                "prohibé ; il s'agit d'une <b>discrimination directe</b>, doublée "
                                "d'une atteinte au droit à l'information du demandeur issu de la "
                                "loi ALUR.</li></ul><p>Par ailleurs, M. D. relève des publics "
                                "prioritaires de l'article L441-1 au titre du handicap, et sa "
                                "situation fait partie de celles que le bailleur doit transmettre "
                                "à la CALEOL lors de l'examen triennal de l'occupation en zone "
                                "tendue (article L442-5-2 du CCH).</p><p><b>Mesures "
                                "correctives</b> : rappel écrit de la liste réglementaire des "
                                "pièces aux guichets partenaires, dans le cadre du PPGDID et du "
                                "service d'information et d'accueil des demandeurs ; recours à "
                                "l'interprétariat ou à un accompagnement pour garantir l'accès à "
                                "l'information ; traçabilité écrite des échanges ; formation de "
                                "l'équipe d'accueil. M. D. peut adresser une réclamation au "
                                "bailleur et saisir gratuitement le Défenseur des droits, "
                                "notamment par l'intermédiaire d'un délégué territorial.</p><p>Le "
                                "testing national mené par RéEL et la Fondation Abbé Pierre en "
                                "2022 le confirme : l'accueil est le premier maillon à risque de "
                                "la chaîne d'attribution (module 6).</p>"
                            ),
                        },
                    ),
                    (
                        "key_points",
                        {
                            "title": "À retenir",
                            "text": (
                                "<ul><li>Directe : traitement moins favorable qu'une personne "
                                "placée dans une situation comparable, en raison d'un critère "
                                "prohibé.</li><li>Indirecte : règle apparemment neutre qui "
                                "désavantage particulièrement un groupe protégé, sauf but légitime "
                                "et moyens nécessaires et appropriés.</li><li>Le harcèlement "
                                "discriminatoire et l'injonction de discriminer sont aussi des "
                                "discriminations.</li><li>Exiger un CDI, un garant ou des pièces "
                                "hors liste réglementaire expose à une discrimination "
                                "indirecte.</li></ul>"
                            ),
                        },
                    ),
                    (
                        "glossary_term",
                        {
                            "term": "Discrimination indirecte",
                            "definition": (
                                "Situation dans laquelle une règle, un critère ou une pratique "
                                "d'apparence neutre désavantage particulièrement des personnes "
                                "relevant d'un critère prohibé, sans être objectivement justifié "
                                "par un but légitime poursuivi par des moyens nécessaires et "
                                "appropriés."
                            ),
                        },
                    ),
                ],
            },
        ],
    },
    {
        "number": 5,
        "title": "Égalité de traitement, équité, mixité sociale : concepts et lignes rouges",
        "slug": "m5-egalite-equite-mixite",
        "intro": (
            "<p>Égalité de traitement, équité, mixité sociale : ces notions sont souvent invoquées "
            "ensemble, parfois à contresens. Ce module les distingue, puis montre comment "
            "l'objectif de mixité a pu servir à justifier des pratiques discriminatoires, et ce "
            "que le droit actuel permet ou interdit.</p><p>Une mise en situation en commission "
            "d'attribution permet de confronter ces repères à une décision concrète.</p>"
        ),
        "objectives": [
            "Définir et distinguer égalité de traitement, équité et mixité sociale.",
            (
                "Expliquer pourquoi la mixité sociale se mesure par les ressources, et jamais par "
                "un critère prohibé."
            ),
            (
                "Reconnaître les dérives de l'« équilibre de peuplement » à partir des positions "
                "de la HALDE et de la jurisprudence."
            ),
            "Analyser une décision de commission et la reformuler de manière conforme.",
        ],
        "lessons": [
            {
                "title": "Trois notions à ne pas confondre",
                "slug": "trois-notions-a-ne-pas-confondre",
                "summary": (
                    "Égalité de traitement, équité et mixité sociale n'ont ni le même fondement ni "
                    "les mêmes limites : une grille en trois questions pour les articuler."
                ),
                "duration_minutes": 20,
                "body": [
                    (
                        "paragraph",
                        (
                            "<p>Dans les commissions comme dans les services, on entend souvent « "
                            "il faut être équitable », « il faut préserver la mixité » ou « on "
                            "traite tout le monde de la même façon ». Ces formules renvoient à "
                            "trois notions distinctes, qui n'ont ni le même fondement ni les mêmes "
                            "limites. Les confondre, c'est risquer de justifier une différence de "
                            "traitement illégale au nom d'un objectif légitime.</p><h3>L'égalité "
                            "de traitement</h3><p>Elle consiste à appliquer <b>les mêmes règles et "
                            "la même procédure</b> à des situations comparables. Son corollaire "
                            "est l'interdiction de toute distinction fondée sur un critère prohibé "
                            ": c'est le champ du droit de la non-discrimination (module 4). "
                            "Concrètement : même liste de pièces pour tous, même grille de "
                            "cotation, mêmes critères d'examen en commission, même qualité "
                            "d'information au guichet.</p><h3>L'équité</h3><p>Elle consiste à "
                            "tenir compte des différences de situation pour corriger des "
                            "désavantages, <b>dans le cadre prévu par la loi</b>. Les priorités de "
                            "l'article L441-1 du CCH, la priorité des ménages reconnus au titre du "
                            "DALO, l'objectif de 25 % d'attributions hors QPV au premier quartile "
                            "ou l'adaptation du logement au handicap sont des différenciations "
                            "voulues par le législateur. L'équité est donc encadrée : un acteur "
                            "local ne crée pas de priorité en dehors des textes.</p><h3>La mixité "
                            "sociale</h3><p>C'est un objectif d'intérêt général inscrit à "
                            "l'article L441 du CCH : rechercher une répartition équilibrée des "
                            "ménages entre les territoires selon leurs <b>ressources</b>. La loi "
                            "l'outille par des indicateurs de revenus — les quartiles — et par des "
                            "objectifs chiffrés. Elle ne s'apprécie <b>jamais</b> au regard de "
                            "l'origine, de la religion, de la nationalité ou du patronyme.</p>"
                        ),
                    ),
                    (
                        "legal_reference",
                        {
                            "text": "Code de la construction et de l'habitation",
                            "article": "L441-1",
                            "date": None,
                            "url": "https://www.legifrance.gouv.fr/",
                            "note": (
                                "Énumère les publics prioritaires et encadre les critères "
                                "d'attribution précisés par décret ; y est codifié l'objectif "
                                "d'attributions hors QPV au premier quartile. La liste exacte et "
                                "l'ordre des catégories prioritaires sont à relire dans la version "
                                "en vigueur."
                            ),
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<h3>Comment les articuler ?</h3><p>Les trois notions ne s'opposent "
                            "pas : elles s'emboîtent. Face à une décision, on peut raisonner en "
                            "trois questions successives :</p><ol><li>La règle appliquée est-elle "
                            "la même pour tous les candidats placés dans une situation comparable "
                            "? <i>(égalité de traitement)</i></li><li>La différence de traitement "
                            "éventuelle est-elle prévue par un texte, et appliquée dans ses "
                            "limites ? <i>(équité)</i></li><li>L'objectif de mixité est-il "
                            "apprécié à partir des ressources, et seulement à partir d'elles ? "
                            "<i>(mixité sociale)</i></li></ol><p>Une réponse négative à l'une de "
                            "ces questions impose de réexaminer la décision avant qu'elle ne soit "
                            "prise, ou d'en reprendre la motivation.</p><h3>Pour aller plus "
                            "loin</h3><p>Selon les sources consultées, plusieurs travaux de "
                            "recherche éclairent les rapports entre mixité et discrimination : la "
                            "notion de « discrimination probabiliste » proposée par P. Simon "
                            "(2003) ; les effets paradoxaux des politiques de mixité, analysés "
                            "dans la note n° 3 du GELD (mai 2001, P. Simon et T. Kirszbaum) ; "
                            "l'ethnographie du travail des agents Hlm conduite par M. "
                            "Bourgeois.</p>"
                        ),
                    ),
                    (
                        "accordion",
                        {
                            "title": "Questions fréquentes",
                            "items": [
                                {
                                    "question": (
                                        "Donner la priorité à un ménage reconnu au titre du DALO, "
                                        "est-ce contraire à l'égalité de traitement ?"
                                    ),
                                    "answer": (
                                        "<p>Non. C'est une différenciation prévue par la loi, qui "
                                        "relève de l'équité encadrée. L'égalité de traitement "
                                        "impose de traiter de la même manière des situations "
                                        "comparables ; elle n'interdit pas les priorités fixées "
                                        "par le législateur.</p>"
                                    ),
                                },
                                {
                                    "question": (
                                        "Un maire peut-il demander que les habitants de sa commune "
                                        "soient prioritaires ?"
                                    ),
                                    "answer": (
                                        "<p>Ni le maire ni la CIL ne peuvent créer de priorité "
                                        "contraire à la loi. Le lien avec la commune peut être un "
                                        "élément d'appréciation parmi d'autres, jamais un motif "
                                        "exclusif. L'étude Lab'Urba de 2016 a d'ailleurs identifié "
                                        "la préférence communale comme la première cause de "
                                        "discrimination observée.</p>"
                                    ),
                                },
                                {
                                    "question": (
                                        "Peut-on refuser un candidat pour « préserver la mixité » "
                                        "d'une résidence ?"
                                    ),
                                    "answer": (
                                        "<p>Jamais sur la base d'un critère prohibé. Le seul cadre "
                                        "prévu est celui des résidences à enjeu prioritaire de "
                                        "mixité sociale (loi 3DS), identifiées dans la CIA et "
                                        "assorties d'une obligation de proposer au ménage un autre "
                                        "logement adapté ; il est présenté dans la leçon "
                                        "suivante.</p>"
                                    ),
                                },
                                {
                                    "question": (
                                        "Les « travailleurs » ou « travailleurs essentiels » "
                                        "sont-ils un public prioritaire ?"
                                    ),
                                    "answer": (
                                        "<p>Des débats récents, lors de la loi 3DS puis autour "
                                        "d'une proposition de loi de 2025, portent sur une "
                                        "priorité en faveur des travailleurs. À la date des "
                                        "sources consultées, cette proposition n'était pas "
                                        "promulguée : <i>le statut juridique de cette catégorie "
                                        "est à vérifier avant toute diffusion</i>.</p>"
                                    ),
                                },
                            ],
                        },
                    ),
                    (
                        "key_points",
                        {
                            "title": "À retenir",
                            "text": (
                                "<ul><li>Égalité de traitement : mêmes règles pour des situations "
                                "comparables, aucune distinction fondée sur un critère "
                                "prohibé.</li><li>Équité : différenciations prévues par la loi "
                                "(priorités L441-1, DALO, premier quartile, handicap), jamais "
                                "inventées localement.</li><li>Mixité sociale : objectif fondé sur "
                                "les ressources des ménages, jamais sur l'origine, la religion, la "
                                "nationalité ou le patronyme.</li><li>Trois questions pour "
                                "vérifier une décision : même règle ? différence prévue par un "
                                "texte ? mixité mesurée par les ressources ?</li></ul>"
                            ),
                        },
                    ),
                    (
                        "glossary_term",
                        {
                            "term": "Égalité de traitement",
                            "definition": (
                                "Principe selon lequel des personnes placées dans des situations "
                                "comparables se voient appliquer les mêmes règles et la même "
                                "procédure, sans distinction fondée sur un critère prohibé."
                            ),
                        },
                    ),
                    (
                        "glossary_term",
                        {
                            "term": "Mixité sociale",
                            "definition": (
                                "Objectif d'intérêt général de répartition équilibrée des ménages "
                                "entre les territoires selon leurs ressources, outillé par les "
                                "quartiles de revenus et les objectifs chiffrés de la réforme des "
                                "attributions."
                            ),
                        },
                    ),
                ],
            },
            {
                "title": "Les dérives de l'« équilibre de peuplement »",
                "slug": "derives-equilibre-de-peuplement",
                "summary": (
                    "Ce que la HALDE, les juges et la loi 3DS disent de l'« équilibre de "
                    "peuplement », et une mise en situation en commission d'attribution."
                ),
                "duration_minutes": 30,
                "body": [
                    (
                        "paragraph",
                        (
                            "<p>Derrière son apparente neutralité, l'« équilibre de peuplement » a "
                            "parfois couvert un tri des ménages selon leur origine, réelle ou "
                            "supposée.</p><h3>La HALDE : pas de mixité au prix d'une "
                            "discrimination</h3><p>Dans sa délibération du 16 mars 2009, « Pour "
                            "une mixité sociale sans discrimination », la HALDE a posé que "
                            "l'objectif de mixité ne peut pas justifier un refus fondé sur une "
                            "caractéristique prohibée comme l'origine, et recommandé des "
                            "procédures objectives et transparentes à chaque étape.</p><h3>Les "
                            "juges</h3><ul><li><b>Tribunal correctionnel de Saint-Étienne, 3 "
                            "février 2009</b> : un bailleur social est condamné pour "
                            "discrimination raciale pour un « plan stratégique de peuplement » "
                            "tenant compte de l'origine, réelle ou supposée, des demandeurs (selon "
                            "une source secondaire citant la HALDE).</li><li><b>Cour d'appel "
                            "d'Aix-en-Provence, 28 juin 2005</b> : elle avait admis un refus "
                            "motivé par la mixité sociale dans un quartier en difficulté, solution "
                            "dépassée depuis que la mixité se pilote par des objectifs fondés sur "
                            "les ressources.</li></ul><h3>Le cadre actuel : les résidences à enjeu "
                            "prioritaire de mixité sociale</h3><p>La loi 3DS a ouvert une "
                            "possibilité étroite. Dans une résidence identifiée comme « à enjeu "
                            "prioritaire de mixité sociale » <b>dans la CIA</b>, le fait qu'un "
                            "candidat accentuerait la fragilité de l'occupation sociale peut "
                            "motiver un refus, <b>pour cette résidence seulement</b> ; le premier "
                            "logement vacant adapté hors de ces résidences, dans le périmètre de "
                            "la CIA, doit alors lui être proposé. Les critères d'identification "
                            "des ménages relèvent d'un décret en Conseil d'État (<i>publication et "
                            "contenu à vérifier avant diffusion</i>) ; ils doivent rester "
                            "socio-économiques, sans lien avec un critère prohibé.</p>"
                        ),
                    ),
                    (
                        "legal_reference",
                        {
                            "text": "Loi n° 2022-217 du 21 février 2022 (3DS)",
                            "article": "84",
                            "date": "2022-02-21",
                            "url": "https://www.legifrance.gouv.fr/",
                            "note": (
                                "Modifie l'article L441-2-2 du CCH pour créer les résidences à "
                                "enjeu prioritaire de mixité sociale."
                            ),
                        },
                    ),
                    (
                        "case_study",
                        {
                            "title": "Un T3 neuf hors QPV et l'« équilibre de la résidence »",
                            "situation": (
                                "<p>Une agglomération des Hauts-de-France soumise à la réforme des "
                                "attributions, dotée d'une cotation intercommunale, est en retard "
                                "sur l'objectif de 25 % d'attributions hors QPV au premier "
                                "quartile. Un bailleur loue un T3 dans une petite résidence neuve "
                                "hors QPV, sur son contingent propre. Trois candidatures sont "
                                "présentées en CALEOL :</p><ul><li><b>Mme A.</b>, 34 ans, seule "
                                "avec deux enfants, perçoit des minima sociaux et une aide au "
                                "logement ; elle vit dans un T2 suroccupé, dans un QPV de la "
                                "commune voisine. Premier quartile, demande de trois ans, 31 "
                                "points. Son nom laisse supposer une origine maghrébine. Taux "
                                "d'effort après aide au logement : 22 %.</li><li><b>M. et Mme "
                                "B.</b>, couple de salariés sans enfant, habitants de la commune : "
                                "deuxième quartile, demande de dix mois, 19 points.</li><li><b>M. "
                                "C.</b>, retraité, qui a de la famille dans la commune : troisième "
                                "quartile, 15 points.</li></ul><p>En séance, le représentant de la "
                                "commune déclare : « On a déjà trois familles “du quartier” dans "
                                "cette résidence, il faut équilibrer le peuplement. Et une mère "
                                "seule aux minima, c'est un risque d'impayés. » Un administrateur "
                                "ajoute : « Les B. sont d'ici, ils travaillent, c'est plus simple. "
                                "» La commission classe M. et Mme B. premiers, M. C. deuxième, Mme "
                                "A. troisième. Le procès-verbal indique seulement : « Classement "
                                "au regard de l'équilibre de la résidence ».</p>"
                            ),
                            "questions": [
                                (
                                    "Quels critères de l'article 225-1 du Code pénal ces échanges "
                                    "mobilisent-ils potentiellement ?"
                                ),
                                "Quelles obligations légales pèsent sur cette attribution ?",
                                "Que manque-t-il au procès-verbal, et comment le reformuler ?",
                                (
                                    "La notion de « résidence à enjeu prioritaire de mixité "
                                    "sociale » peut-elle être invoquée ici ?"
                                ),
                            ],
                            "debrief": (
                                "<p><b>1. Les critères en jeu.</b> Les familles « du quartier », "
                                "rapprochées du nom de Mme A., font présumer une prise en compte "
                                "de l'<b>origine</b> ou du <b>patronyme</b>, et venir d'un QPV "
                                "renvoie au <b>lieu de résidence</b>. « Une mère seule aux minima "
                                "» vise la <b>situation de famille</b> et la <b>particulière "
                                "vulnérabilité économique</b>. La préférence pour les candidats « "
                                "d'ici », utilisée comme motif déterminant, est une <b>préférence "
                                "communale</b> (première cause de discrimination selon Lab'Urba, "
                                "2016).</p><p><b>2. Les obligations.</b> La mixité légale se "
                                "mesure par les <b>ressources</b> : attribuer ce logement hors QPV "
                                "à Mme A., qui relève du premier quartile, servirait directement "
                                "l'objectif de 25 %. L'« équilibre de peuplement » ne peut pas "
                                "couvrir un critère prohibé (HALDE, 2009 ; Saint-Étienne, 2009). "
                                "Le risque d'impayés ne peut être retenu qu'au vu d'un calcul du "
                                "taux d'effort et du reste à vivre ; 22 % après aide au logement "
                                "n'est pas, en soi, disqualifiant.</p><p><b>3. Le "
                                "procès-verbal.</b> La cotation n'est qu'une aide à la décision "
                                "(Conseil d'État, 27 décembre 2024), mais un écart de douze points "
                                "non justifié crée une présomption difficile à renverser. Le "
                                "procès-verbal doit exposer, pour chaque candidat, des éléments "
                                "objectifs : adéquation du T3 à une mère et deux enfants, "
                                "suroccupation, ancienneté, objectifs de la CIA.</p><p><b>4. La "
                                "résidence à enjeu prioritaire.</b> Non : ce régime suppose une "
                                "résidence identifiée dans la CIA (critères fixés par un décret à "
                                "vérifier) et la proposition d'un autre logement adapté à Mme A. "
                                "Il ne s'improvise pas en séance.</p><p><b>Rôle du ou de la "
                                "référent·e</b> : rappeler le cadre en séance, faire reformuler "
                                "les motifs, proposer une sensibilisation des membres.</p>"
                            ),
                        },
                    ),
                    (
                        "legal_reference",
                        {
                            "text": "Loi n° 2008-496 du 27 mai 2008",
                            "article": "4",
                            "date": "2008-05-27",
                            "url": "https://www.legifrance.gouv.fr/",
                            "note": (
                                "Devant les juges civil et administratif, face à des faits "
                                "laissant présumer une discrimination, le défendeur doit prouver "
                                "l'objectivité de sa décision ; pas au pénal."
                            ),
                        },
                    ),
                    (
                        "key_points",
                        {
                            "title": "À retenir",
                            "text": (
                                "<ul><li>La mixité ne justifie jamais un refus fondé sur un "
                                "critère prohibé (HALDE, 16 mars 2009).</li><li>Résidence à enjeu "
                                "prioritaire : seulement si identifiée dans la CIA, avec un autre "
                                "logement adapté proposé.</li><li>« Équilibre de la résidence » "
                                "n'est pas une motivation : il faut des éléments objectifs pour "
                                "chaque candidat.</li></ul>"
                            ),
                        },
                    ),
                    (
                        "glossary_term",
                        {
                            "term": "Résidence à enjeu prioritaire de mixité sociale",
                            "definition": (
                                "Résidence identifiée dans la CIA où, depuis la loi 3DS, la "
                                "fragilisation de l'occupation peut motiver un refus, si un autre "
                                "logement adapté est proposé au ménage."
                            ),
                        },
                    ),
                ],
            },
        ],
    },
    {
        "number": 6,
        "title": "Repérer et prévenir les risques dans la chaîne d'attribution",
        "slug": "m6-prevention-des-risques",
        "intro": (
            "<p>Les discriminations dans l'accès au logement social naissent rarement d'une "
            "décision isolée : elles se logent dans les étapes d'une chaîne qui va de l'accueil du "
            "demandeur à la vie du bail. Ce module aide à cartographier ces étapes, à lire avec "
            "prudence les études disponibles et à mettre en place des pratiques de "
            "prévention.</p><p>Il précise aussi le rôle et la posture attendus du ou de la "
            "référent·e égalité de traitement, tels que les a conçus la démarche régionale de "
            "l'IREV et de l'URH.</p>"
        ),
        "objectives": [
            "Cartographier les six étapes à risque de la chaîne d'attribution.",
            "S'appuyer avec prudence sur les études disponibles : testing, enquêtes, recherches.",
            "Mettre en place des pratiques de traçabilité, de motivation et de contrôle interne.",
            (
                "Adopter la posture du ou de la référent·e : outiller le dialogue sans stigmatiser "
                "les professionnels."
            ),
        ],
        "lessons": [
            {
                "title": "Cartographie des étapes à risque",
                "slug": "cartographie-des-etapes-a-risque",
                "summary": (
                    "De l'accueil du demandeur aux mutations, six étapes où peuvent se glisser des "
                    "traitements différenciés, et ce que les études en disent."
                ),
                "duration_minutes": 25,
                "body": [
                    (
                        "paragraph",
                        (
                            "<p>Une attribution ne se joue pas seulement en commission. Entre le "
                            "premier contact du demandeur avec un guichet et la vie du bail, six "
                            "étapes peuvent être distinguées, chacune avec ses risques propres. "
                            "Les cartographier est le premier travail du ou de la référent·e : on "
                            "ne prévient bien que ce que l'on a repéré.</p><h3>1. Accueil, "
                            "information, enregistrement</h3><p>Risques : réponses différentes "
                            "selon le profil supposé du demandeur, demande de pièces non prévues "
                            "par la réglementation, orientation dissuasive (« inutile de déposer, "
                            "il n'y a rien pour vous »).</p><p>Le testing national conduit par le "
                            "réseau RéEL et la Fondation Abbé Pierre (dénomination à la date de "
                            "l'étude) auprès de 1 875 guichets, en avril et mai 2022, publié le 21 "
                            "mars 2023, en donne la mesure :</p><ul><li>seuls 24 à 25 % environ "
                            "des guichets ont répondu positivement et de manière équivalente aux "
                            "deux candidates fictives ;</li><li>près de la moitié n'ont répondu à "
                            "aucune des deux ;</li><li>lorsque le guichet ne répondait qu'à une "
                            "seule candidate, c'était le plus souvent à celle présumée d'origine "
                            "française ;</li><li>parmi les guichets ayant répondu aux deux, 22,6 % "
                            "ont donné des réponses différenciées.</li></ul><h3>2. Pré-sélection "
                            "et désignation des candidats</h3><p>Par le bailleur ou par le "
                            "réservataire. Risques : critères implicites, sélection « au profil », "
                            "anticipation supposée des refus du maire ou de la commission. C'est à "
                            "cette étape que se joue l'essentiel selon l'étude Lab'Urba (2016), "
                            "qui souligne le rôle plutôt marginal de la commission "
                            "elle-même.</p><h3>3. Instruction du dossier</h3><p>Risques : pièces "
                            "exigées en dehors de la liste réglementaire, appréciation subjective "
                            "de la « solvabilité ». <i>L'arrêté fixant la liste des pièces "
                            "justificatives est à consulter dans sa version en vigueur ; sa "
                            "référence exacte reste à vérifier.</i></p><h3>4. Commission "
                            "d'attribution (CALEOL)</h3><p>Risques : argumentaires non écrits, "
                            "invocation de l'« équilibre de peuplement », classements non motivés, "
                            "refus pour « mode de vie ».</p><h3>5. Refus du demandeur et "
                            "suites</h3><p>Risques : effets des refus sur la cotation appliqués "
                            "sans règle connue à l'avance (ils doivent être prévus dans le "
                            "PPGDID), radiations, défaut d'information du demandeur.</p><h3>6. Vie "
                            "du bail et mutations</h3><p>Risques : traitement inégal des demandes "
                            "de mutation, examen triennal de l'occupation appliqué de façon "
                            "sélective.</p>"
                        ),
                    ),
                    (
                        "legal_reference",
                        {
                            "text": "Code de la construction et de l'habitation",
                            "article": "L441-2-8",
                            "date": None,
                            "url": "https://www.legifrance.gouv.fr/",
                            "note": (
                                "Prévoit le plan partenarial de gestion de la demande et "
                                "d'information des demandeurs (PPGDID), qui organise la gestion "
                                "partagée de la demande et le service d'information et d'accueil "
                                "des demandeurs."
                            ),
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<h3>Ce que disent les autres études (à citer avec "
                            "prudence)</h3><ul><li><b>Défenseur des droits, enquête « Accès aux "
                            "droits » (décembre 2017, 5 117 personnes)</b> : 46 % des personnes "
                            "interrogées jugent fréquentes les discriminations dans la recherche "
                            "d'un logement ; 14 % des personnes ayant cherché un logement "
                            "déclarent en avoir subi une (30 % des personnes immigrées, 40 % des "
                            "personnes perçues comme noires, 24 % des mères seules avec un enfant "
                            "de moins de 3 ans, 19 % des personnes handicapées) ; seules 11 % ont "
                            "engagé une démarche.</li><li><b>Lab'Urba (2016)</b>, étude commandée "
                            "par le Défenseur des droits, l'Acsé et le PUCA sur cinq sites : la "
                            "préférence communale assumée est la première cause de discrimination "
                            "identifiée.</li><li><b>ANCOLS</b> : bilans des attributions hors QPV "
                            "au premier quartile (module 2).</li><li><b>IREV et URH</b> : cycles "
                            "de qualification régionaux de 2018-2019 (module 8).</li></ul>"
                        ),
                    ),
                    (
                        "legal_reference",
                        {
                            "text": "Loi du 31 mars 2006 pour l'égalité des chances",
                            "article": "",
                            "date": "2006-03-31",
                            "url": "https://www.legifrance.gouv.fr/",
                            "note": (
                                "Selon les sources consultées, admet le test de situation "
                                "(testing) comme mode de preuve d'une discrimination devant le "
                                "juge pénal."
                            ),
                        },
                    ),
                    (
                        "accordion",
                        {
                            "title": "Questions fréquentes",
                            "items": [
                                {
                                    "question": (
                                        "Si la commission joue un rôle plutôt marginal, faut-il "
                                        "concentrer la prévention ailleurs ?"
                                    ),
                                    "answer": (
                                        "<p>La prévention doit couvrir toute la chaîne. L'étude "
                                        "Lab'Urba montre que l'essentiel se joue en amont, lors de "
                                        "la pré-sélection et de la désignation des candidats ; le "
                                        "testing RéEL / Fondation Abbé Pierre montre que l'accueil "
                                        "est lui aussi très exposé. La commission reste toutefois "
                                        "le lieu où la motivation des décisions se formalise.</p>"
                                    ),
                                },
                                {
                                    "question": (
                                        "Peut-on demander une pièce supplémentaire « pour "
                                        "compléter le dossier » ?"
                                    ),
                                    "answer": (
                                        "<p>Non si elle ne figure pas dans la liste réglementaire "
                                        "des pièces justificatives. Exiger des pièces hors liste "
                                        "est irrégulier et expose à une discrimination "
                                        "indirecte.</p>"
                                    ),
                                },
                                {
                                    "question": (
                                        "Comment utiliser ces chiffres en formation ou en réunion ?"
                                    ),
                                    "answer": (
                                        "<p>En citant la source, la date et le champ de l'étude "
                                        "(par exemple : guichets d'enregistrement, parc social ou "
                                        "parc privé). Ces études éclairent des tendances ; elles "
                                        "ne permettent pas de conclure sur la pratique d'un "
                                        "service en particulier sans analyse locale.</p>"
                                    ),
                                },
                            ],
                        },
                    ),
                    (
                        "key_points",
                        {
                            "title": "À retenir",
                            "text": (
                                "<ul><li>Six étapes à risque : accueil, pré-sélection, "
                                "instruction, commission, refus et suites, vie du bail et "
                                "mutations.</li><li>Testing RéEL / Fondation Abbé Pierre (1 875 "
                                "guichets) : environ un guichet sur quatre seulement répond de "
                                "manière équivalente aux deux candidates.</li><li>Selon Lab'Urba, "
                                "l'essentiel se joue en amont de la commission, et la préférence "
                                "communale est la première cause de discrimination.</li><li>S'en "
                                "tenir à la liste réglementaire des pièces "
                                "justificatives.</li></ul>"
                            ),
                        },
                    ),
                    (
                        "glossary_term",
                        {
                            "term": "Testing (test de situation)",
                            "definition": (
                                "Méthode qui compare les réponses obtenues par des candidatures "
                                "fictives semblables en tout point sauf une caractéristique, par "
                                "exemple l'origine présumée, afin de mettre en évidence une "
                                "différence de traitement."
                            ),
                        },
                    ),
                ],
            },
            {
                "title": "Bonnes pratiques et posture du ou de la référent·e",
                "slug": "bonnes-pratiques-et-posture",
                "summary": (
                    "Le socle de pratiques qui sécurise la chaîne d'attribution — traçabilité, "
                    "motivation, pièces, données, formation — et la posture attendue du ou de la "
                    "référent·e."
                ),
                "duration_minutes": 25,
                "body": [
                    (
                        "paragraph",
                        (
                            "<p>Prévenir les discriminations, c'est d'abord rendre les décisions "
                            "explicables. Les pratiques ci-dessous constituent le socle sur lequel "
                            "le ou la référent·e peut s'appuyer. Elles protègent les demandeurs, "
                            "mais aussi les professionnels et les organismes face au risque "
                            "contentieux.</p><h3>Tracer et motiver</h3><ul><li><b>Traçabilité</b> "
                            ": des procès-verbaux de CALEOL qui indiquent, pour chaque candidat, "
                            "les motifs objectifs de son rang ou du refus ; la conservation des "
                            "grilles et des calculs (taux d'effort, reste à "
                            "vivre).</li><li><b>Cotation</b> : des grilles publiques, des critères "
                            "pondérés, un lien explicite avec l'article L441-1 ; tout écart entre "
                            "cotation et décision documenté.</li><li><b>Motivation écrite</b> de "
                            "tout rejet ; pour les non-attributions, une explication du rang. Le "
                            "guide Repères n° 47 de l'USH est une ressource utile.</li></ul>"
                        ),
                    ),
                    (
                        "legal_reference",
                        {
                            "text": "Code de la construction et de l'habitation",
                            "article": "L441-2-2",
                            "date": None,
                            "url": "https://www.legifrance.gouv.fr/",
                            "note": (
                                "Impose que toute décision de rejet d'une demande de logement "
                                "social soit notifiée par écrit et motivée."
                            ),
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<h3>Encadrer l'instruction et la commission</h3><ul><li><b>Pièces "
                            "justificatives</b> : s'en tenir à la liste réglementaire ; ne "
                            "demander ni garant, ni CDI, ni avis d'imposition des "
                            "parents.</li><li><b>Anonymisation</b> : possible en amont de la "
                            "CALEOL, la décision restant nominative.</li><li><b>Règlement "
                            "intérieur</b> de la CALEOL tenu à jour (déontologie, confidentialité, "
                            "quorum) et chartes de bonnes pratiques, à l'image de la charte Lille "
                            "Métropole-bailleurs sur les commissions d'attribution ou de la charte "
                            "Equal « LUCIDE » en Haute-Normandie (2008).</li></ul><h3>Maîtriser "
                            "les données</h3><p>Aucune donnée sur l'origine, la religion ou tout "
                            "autre critère prohibé ne doit être collectée. Les données sensibles, "
                            "comme la santé ou le handicap, sont limitées à ce qu'exige "
                            "l'adaptation du logement, dans le respect du RGPD. <i>Ce principe "
                            "général doit être précisé avec le ou la délégué·e à la protection des "
                            "données de l'organisme.</i></p><h3>Former, évaluer, "
                            "piloter</h3><ul><li><b>Formation</b> de tous les maillons : accueil, "
                            "chargés de clientèle, membres de CALEOL, élus, réservataires. Le "
                            "réseau RéEL et la Fondation Abbé Pierre recommandent en particulier "
                            "de professionnaliser les agents des guichets par des modules "
                            "consacrés au droit à l'information et à la non-discrimination, et de "
                            "diffuser des documents clairs sur la procédure et la "
                            "cotation.</li><li><b>Auto-évaluation</b> et testing "
                            "interne.</li><li><b>Tableau de bord</b> : refus par motif, délais par "
                            "profil de demandeur, attributions hors QPV au premier "
                            "quartile.</li></ul><h3>Le rôle du ou de la référent·e</h3><p>Ses "
                            "missions couvrent la veille juridique, l'appui aux équipes, la "
                            "relecture des motifs de refus, l'animation d'ateliers, la fonction de "
                            "point d'entrée des réclamations, et les liens avec le Défenseur des "
                            "droits (par ses délégués territoriaux) et avec la CIL.</p><h3>La "
                            "posture : outiller le dialogue</h3><p>La démarche expérimentée par "
                            "l'IREV et l'URH affiche un principe : <b>outiller le dialogue, pas "
                            "stigmatiser les professionnels</b>. Le ou la référent·e n'est ni un "
                            "contrôleur ni un juge. Il ou elle aide les équipes à interroger leurs "
                            "pratiques sous l'angle de l'égalité de traitement, à formuler des "
                            "motifs objectifs et à se protéger du risque judiciaire.</p>"
                        ),
                    ),
                    (
                        "accordion",
                        {
                            "title": "Questions fréquentes",
                            "items": [
                                {
                                    "question": (
                                        "L'anonymisation des dossiers suffit-elle à prévenir les "
                                        "discriminations ?"
                                    ),
                                    "answer": (
                                        "<p>Non. Elle peut limiter certains biais au stade de la "
                                        "commission, mais la décision reste nominative et, selon "
                                        "l'étude Lab'Urba, l'essentiel se joue en amont : accueil, "
                                        "pré-sélection, désignation. Elle doit donc s'accompagner "
                                        "des autres pratiques : traçabilité, motivation, "
                                        "formation.</p>"
                                    ),
                                },
                                {
                                    "question": (
                                        "Que faire si un membre de la commission tient des propos "
                                        "fondés sur un critère prohibé ?"
                                    ),
                                    "answer": (
                                        "<p>Rappeler le cadre en séance, demander que le motif "
                                        "soit reformulé à partir d'éléments objectifs et veiller à "
                                        "ce que le procès-verbal ne retienne que ces éléments. Un "
                                        "temps de sensibilisation des membres peut ensuite être "
                                        "proposé.</p>"
                                    ),
                                },
                                {
                                    "question": (
                                        "Le ou la référent·e doit-il ou elle valider les attributions ?"
                                    ),
                                    "answer": (
                                        "<p>Non. La décision appartient à la CALEOL. Le ou la "
                                        "référent·e appuie, relit, alerte et forme ; il ou elle ne "
                                        "se substitue pas aux instances de décision.</p>"
                                    ),
                                },
                            ],
                        },
                    ),
                    (
                        "key_points",
                        {
                            "title": "À retenir",
                            "text": (
                                "<ul><li>Tracer : procès-verbaux motivés par candidat, grilles et "
                                "calculs conservés.</li><li>Motiver par écrit tout rejet, "
                                "expliquer le rang des non-attributions, documenter les écarts à "
                                "la cotation.</li><li>S'en tenir à la liste réglementaire des "
                                "pièces et ne collecter aucune donnée liée à un critère "
                                "prohibé.</li><li>Former tous les maillons, s'auto-évaluer, suivre "
                                "un tableau de bord.</li><li>Posture : outiller le dialogue, pas "
                                "stigmatiser les professionnels.</li></ul>"
                            ),
                        },
                    ),
                    (
                        "glossary_term",
                        {
                            "term": "Référent·e égalité de traitement",
                            "definition": (
                                "Professionnel·le qualifié·e qui appuie son organisation pour "
                                "garantir l'égalité de traitement des demandeurs de logement "
                                "social : veille, relecture des motifs, animation, réclamations, "
                                "lien avec le Défenseur des droits et la CIL."
                            ),
                        },
                    ),
                ],
            },
        ],
    },
    {
        "number": 7,
        "title": ("Politique de la ville : QPV, contrats « Quartiers 2030 », TFPB, GUSP, participation"),
        "slug": "m7-politique-de-la-ville",
        "intro": (
            "<p>Les attributions de logements sociaux s'inscrivent dans la politique de la ville : "
            "les objectifs de mixité se calculent par rapport aux quartiers prioritaires, et "
            "bailleurs et collectivités s'y retrouvent signataires des mêmes contrats. Ce module "
            "présente la géographie prioritaire, les contrats de ville et leurs outils (abattement "
            "de TFPB, gestion urbaine et sociale de proximité, participation des "
            "habitants).</p><p>Les deux leçons retenues portent sur la géographie prioritaire et "
            "sur le passage des contrats de ville aux « Engagements Quartiers 2030 ».</p>"
        ),
        "objectives": [
            (
                "Expliquer comment sont délimités les QPV et connaître les ordres de grandeur "
                "nationaux et régionaux."
            ),
            "Relier la géographie prioritaire aux objectifs d'attribution de la réforme.",
            ("Retracer le passage des contrats de ville 2015-2023 aux « Engagements Quartiers 2030 »."),
            "Situer l'abattement de TFPB et les conseils citoyens dans le cadre contractuel.",
        ],
        "lessons": [
            {
                "title": "La géographie prioritaire",
                "slug": "geographie-prioritaire",
                "summary": (
                    "Comment sont définis les quartiers prioritaires, ce qu'a changé la révision "
                    "de 2024, et pourquoi ce zonage compte pour les attributions en "
                    "Hauts-de-France."
                ),
                "duration_minutes": 20,
                "body": [
                    (
                        "paragraph",
                        (
                            "<p>Les quartiers prioritaires de la politique de la ville (QPV) ont "
                            "été créés par la loi Lamy du 21 février 2014 (article 5). Leur "
                            "délimitation repose sur un <b>critère unique</b> : la concentration "
                            "de ménages à bas revenus. Un QPV doit compter au moins 1 000 "
                            "habitants et se situer dans une unité urbaine d'au moins 10 000 "
                            "habitants.</p>"
                        ),
                    ),
                    (
                        "legal_reference",
                        {
                            "text": (
                                "Loi n° 2014-173 du 21 février 2014 de programmation pour la ville "
                                "(loi « Lamy »)"
                            ),
                            "article": "5",
                            "date": "2014-02-21",
                            "url": "https://www.legifrance.gouv.fr/",
                            "note": (
                                "Crée les quartiers prioritaires de la politique de la ville, "
                                "délimités à partir d'un critère unique de concentration de bas "
                                "revenus."
                            ),
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<h3>De la géographie 2015 à la géographie "
                            "2024</h3><ul><li><b>Géographie 2015</b> : le décret n° 2014-1750 du "
                            "30 décembre 2014 fixe 1 296 QPV en métropole et 218 en outre-mer, "
                            "soit 1 514 quartiers.</li><li><b>Géographie 2024</b> : le décret du "
                            "28 décembre 2023, publié au Journal officiel des 29 et 30 décembre "
                            "2023 et en vigueur au 1er janvier 2024, porte à <b>1 362</b> le "
                            "nombre de QPV en métropole (111 entrants, 40 sortants, 960 périmètres "
                            "modifiés), pour environ 5 millions d'habitants ; tous les "
                            "départements métropolitains sont concernés.</li><li><b>Outre-mer</b> "
                            ": une nouvelle liste est fixée, pour 2025, par les décrets n° "
                            "2024-1211 et n° 2024-1212 du 27 décembre 2024.</li></ul>"
                        ),
                    ),
                    (
                        "legal_reference",
                        {
                            "text": "Décret n° 2014-1750 du 30 décembre 2014",
                            "article": "",
                            "date": "2014-12-30",
                            "url": "https://www.legifrance.gouv.fr/",
                            "note": (
                                "Fixe la liste des quartiers prioritaires de la géographie 2015 : "
                                "1 296 en métropole et 218 en outre-mer."
                            ),
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<h3>Les Hauts-de-France, deuxième région de la politique de la "
                            "ville</h3><p>La région comptait 199 QPV dans la géographie 2015, "
                            "répartis dans 155 communes (652 000 habitants en 2012). Au 1er "
                            "janvier 2024, elle en compte <b>204</b>, où vivent <b>753 100 "
                            "habitants</b>, soit 13 % de la population régionale contre 8 % pour "
                            "la France métropolitaine. C'est la deuxième région après "
                            "l'Île-de-France (298 QPV) et devant l'Auvergne-Rhône-Alpes (145). Le "
                            "Nord compte 94 QPV et le Pas-de-Calais 64. Un seul quartier est sorti "
                            "de la géographie prioritaire (à Liancourt) et neuf y sont "
                            "entrés.</p><p>Deux des trois QPV les plus peuplés de France "
                            "métropolitaine se trouvent dans le Nord : celui de "
                            "Roubaix-Tourcoing-Wattrelos-Croix (environ 77 300 habitants) et le « "
                            "Secteur Sud » de Lille, Loos, Faches-Thumesnil et Lezennes (environ "
                            "53 300 habitants).</p><h3>Pourquoi ce zonage compte pour les "
                            "attributions</h3><ul><li>Il détermine le <b>périmètre de la "
                            "réforme</b> : seuls les EPCI comptant au moins un QPV (et dotés d'un "
                            "PLH ou compétents en habitat) y sont soumis.</li><li>Il fonde les "
                            "<b>objectifs chiffrés</b> : 25 % des attributions hors QPV au premier "
                            "quartile ou à des ménages relogés, et un objectif en QPV pour les "
                            "autres quartiles (50 % à défaut).</li><li>Il concerne directement le "
                            "<b>parc social</b> : selon les sources consultées, environ 30 % des "
                            "logements sociaux de France sont situés en QPV, et 72 % des habitants "
                            "des QPV des Hauts-de-France vivent dans un logement "
                            "social.</li></ul><p>Rappel essentiel : le <b>lieu de résidence</b> "
                            "est un critère de discrimination prohibé depuis la loi Lamy. Le "
                            "zonage sert à piloter des objectifs fondés sur les ressources ; il ne "
                            "peut jamais justifier d'écarter un candidat parce qu'il habite un "
                            "QPV.</p>"
                        ),
                    ),
                    (
                        "accordion",
                        {
                            "title": "Questions fréquentes",
                            "items": [
                                {
                                    "question": (
                                        "Un logement peut-il changer de statut au regard des "
                                        "objectifs d'attribution ?"
                                    ),
                                    "answer": (
                                        "<p>Oui. Avec la révision de 2024 (quartiers entrants et "
                                        "sortants, périmètres modifiés), une résidence peut passer "
                                        "de « hors QPV » à « en QPV », ou l'inverse. Pour suivre "
                                        "les objectifs, il faut donc utiliser la géographie en "
                                        "vigueur à la date de l'attribution.</p>"
                                    ),
                                },
                                {
                                    "question": ("Combien y a-t-il de QPV au total en France en 2025 ?"),
                                    "answer": (
                                        "<p>Le total national après la révision des quartiers "
                                        "ultramarins n'a pas pu être confirmé dans les sources "
                                        "consultées : <i>ce chiffre est à vérifier avant "
                                        "diffusion</i>. Le chiffre établi est celui de la "
                                        "métropole : 1 362 QPV depuis le 1er janvier 2024.</p>"
                                    ),
                                },
                                {
                                    "question": ("Habiter un QPV peut-il jouer en défaveur d'un demandeur ?"),
                                    "answer": (
                                        "<p>Non. Écarter un candidat parce qu'il vient d'un QPV "
                                        "est une discrimination fondée sur le lieu de résidence. "
                                        "En revanche, les conditions de logement actuelles "
                                        "(suroccupation, par exemple) peuvent être prises en "
                                        "compte pour apprécier l'urgence de sa situation.</p>"
                                    ),
                                },
                            ],
                        },
                    ),
                    (
                        "key_points",
                        {
                            "title": "À retenir",
                            "text": (
                                "<ul><li>QPV : créés par la loi Lamy (2014) sur un critère unique "
                                "de concentration de bas revenus.</li><li>Métropole : 1 296 QPV en "
                                "2015, 1 362 depuis le 1er janvier 2024.</li><li>Hauts-de-France : "
                                "204 QPV et 753 100 habitants, soit 13 % de la population "
                                "régionale.</li><li>Le zonage fixe le périmètre de la réforme et "
                                "les objectifs de mixité fondés sur les ressources.</li><li>Le "
                                "lieu de résidence reste un critère prohibé : venir d'un QPV n'est "
                                "jamais un motif de refus.</li></ul>"
                            ),
                        },
                    ),
                    (
                        "glossary_term",
                        {
                            "term": "Géographie prioritaire",
                            "definition": (
                                "Liste et périmètres des quartiers prioritaires de la politique de "
                                "la ville, fixés par décret ; la géographie en vigueur en "
                                "métropole depuis le 1er janvier 2024 compte 1 362 QPV."
                            ),
                        },
                    ),
                ],
            },
            {
                "title": "Des contrats de ville aux « Engagements Quartiers 2030 »",
                "slug": "contrats-de-ville-quartiers-2030",
                "summary": (
                    "Les contrats de ville de la loi Lamy, leur prolongation jusqu'en 2023 et la "
                    "nouvelle génération de contrats 2024-2030, avec leurs liens avec la TFPB et "
                    "la participation des habitants."
                ),
                "duration_minutes": 20,
                "body": [
                    (
                        "paragraph",
                        (
                            "<p>Le contrat de ville est le cadre dans lequel l'État, les "
                            "collectivités, les bailleurs et leurs partenaires organisent leur "
                            "action en faveur des quartiers prioritaires. Plusieurs outils s'y "
                            "articulent : l'abattement de taxe foncière des bailleurs, la gestion "
                            "urbaine et sociale de proximité, les conseils citoyens.</p><h3>Les "
                            "contrats de ville de la loi Lamy</h3><p>Prévus par l'article 6 de la "
                            "loi Lamy et pilotés par l'EPCI, les contrats de ville ont été signés "
                            "en 2015 pour la période 2015-2020, puis prolongés à deux reprises "
                            "jusqu'au <b>31 décembre 2023</b>. En 2022, les Hauts-de-France "
                            "comptaient 40 contrats de ville, couvrant 199 QPV dans 155 communes, "
                            "et 54 projets du nouveau programme national de renouvellement urbain "
                            "(NPNRU).</p>"
                        ),
                    ),
                    (
                        "legal_reference",
                        {
                            "text": (
                                "Loi n° 2014-173 du 21 février 2014 de programmation pour la ville "
                                "(loi « Lamy »)"
                            ),
                            "article": "6",
                            "date": "2014-02-21",
                            "url": "https://www.legifrance.gouv.fr/",
                            "note": (
                                "Prévoit les contrats de ville, pilotés à l'échelle "
                                "intercommunale, cadre de l'action publique en faveur des QPV."
                            ),
                        },
                    ),
                    (
                        "timeline",
                        {
                            "title": "Vers les « Engagements Quartiers 2030 »",
                            "events": [
                                {
                                    "when": "4-5 avril 2023",
                                    "title": "Annonce de la nouvelle génération",
                                    "description": (
                                        "Le ministre Olivier Klein présente la démarche aux élus "
                                        "par courrier et aux préfets en visioconférence. Trois "
                                        "piliers : un zonage actualisé, une participation "
                                        "citoyenne ravivée (commission présidée par Mohamed "
                                        "Mechmache) et une contractualisation resserrée."
                                    ),
                                },
                                {
                                    "when": "31/08/2023",
                                    "title": "Circulaire sur les nouveaux contrats",
                                    "description": (
                                        "Prolonge la concertation jusqu'à fin octobre 2023, fixe "
                                        "la signature au plus tard au 31 mars 2024, prévoit 50 % "
                                        "de financements pluriannuels en CPO et permet de soutenir "
                                        "des « poches de pauvreté » hors QPV."
                                    ),
                                },
                                {
                                    "when": "27/10/2023",
                                    "title": "Comité interministériel des villes",
                                    "description": (
                                        "Réunion interministérielle consacrée à la politique de la "
                                        "ville, dans le calendrier de préparation des nouveaux "
                                        "contrats."
                                    ),
                                },
                                {
                                    "when": "31/12/2023",
                                    "title": "Fin des contrats de ville de 2015",
                                    "description": (
                                        "Terme des contrats de la loi Lamy après deux "
                                        "prolongations ; la nouvelle géographie prioritaire entre "
                                        "en vigueur le lendemain."
                                    ),
                                },
                                {
                                    "when": "Janvier 2024",
                                    "title": "Instruction ministérielle",
                                    "description": ("Resserre le calendrier d'élaboration des contrats."),
                                },
                                {
                                    "when": "31/03/2024",
                                    "title": "Date limite de signature",
                                    "description": ("Échéance fixée par la circulaire du 31 août 2023."),
                                },
                                {
                                    "when": "Fin mai 2024",
                                    "title": "Point d'étape en Hauts-de-France",
                                    "description": (
                                        "Sur 39 contrats « Quartiers 2030 » attendus, une majorité "
                                        "était signée selon l'IREV ; le nombre exact de contrats "
                                        "signés est à actualiser."
                                    ),
                                },
                            ],
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<h3>Ce qui change avec « Quartiers 2030 »</h3><p>Les nouveaux "
                            "contrats couvrent la période 2024-2030 : six ans, avec des CPO de "
                            "trois ans et une évaluation à mi-parcours. Ils s'appuient sur la "
                            "géographie prioritaire révisée au 1er janvier 2024 et visent à "
                            "redonner de la place à la participation des habitants.</p><h3>Deux "
                            "outils rattachés au contrat de ville</h3><ul><li><b>L'abattement de "
                            "TFPB</b> : les logements locatifs sociaux situés en QPV bénéficient "
                            "d'un abattement de 30 % sur la base de la taxe foncière sur les "
                            "propriétés bâties. En contrepartie, le bailleur finance un programme "
                            "d'actions pour la qualité de service et le cadre de vie. Il doit être "
                            "signataire du contrat de ville et d'une convention d'utilisation "
                            "annexée, conclue avec la commune, l'EPCI et le préfet. Selon les "
                            "sources consultées, le dispositif a été prorogé par la loi de "
                            "finances pour 2024 dans le cadre des contrats 2024-2030, le BOFiP "
                            "visant les impositions 2025 à 2030 (<i>texte exact de la prorogation "
                            "à vérifier</i>).</li><li><b>Les conseils citoyens</b> (loi Lamy, "
                            "article 7) : un par QPV, composé d'un collège d'habitants tirés au "
                            "sort dans le respect de la parité et d'un collège d'associations et "
                            "d'acteurs locaux ; ils sont associés à l'élaboration, à la mise en "
                            "œuvre et à l'évaluation des contrats de ville.</li></ul>"
                        ),
                    ),
                    (
                        "legal_reference",
                        {
                            "text": "Code général des impôts",
                            "article": "1388 bis",
                            "date": None,
                            "url": "https://www.legifrance.gouv.fr/",
                            "note": (
                                "Prévoit l'abattement de 30 % sur la base de la taxe foncière sur "
                                "les propriétés bâties des logements sociaux situés en QPV, sous "
                                "condition de signature du contrat de ville et d'une convention "
                                "d'utilisation."
                            ),
                        },
                    ),
                    (
                        "key_points",
                        {
                            "title": "À retenir",
                            "text": (
                                "<ul><li>Contrats de ville de la loi Lamy : pilotés par l'EPCI, "
                                "signés en 2015, prolongés jusqu'au 31 décembre 2023.</li><li>« "
                                "Engagements Quartiers 2030 » : contrats 2024-2030 de six ans, CPO "
                                "de trois ans, évaluation à mi-parcours.</li><li>Circulaire du 31 "
                                "août 2023 : signature au plus tard le 31 mars "
                                "2024.</li><li>Abattement de TFPB de 30 % en QPV, en contrepartie "
                                "d'un programme d'actions et d'une convention "
                                "d'utilisation.</li><li>Conseils citoyens : un par QPV, habitants "
                                "tirés au sort dans le respect de la parité et acteurs "
                                "locaux.</li></ul>"
                            ),
                        },
                    ),
                    (
                        "glossary_term",
                        {
                            "term": "Contrat de ville",
                            "definition": (
                                "Contrat prévu par la loi Lamy (article 6) et piloté par l'EPCI, "
                                "qui organise l'action publique en faveur des QPV ; la génération "
                                "2024-2030 prend le nom d'« Engagements Quartiers 2030 »."
                            ),
                        },
                    ),
                    (
                        "glossary_term",
                        {
                            "term": "Conseil citoyen",
                            "definition": (
                                "Instance créée par la loi Lamy dans chaque QPV, réunissant des "
                                "habitants tirés au sort dans le respect de la parité et des "
                                "représentants d'associations et d'acteurs locaux, associée au "
                                "contrat de ville."
                            ),
                        },
                    ),
                ],
            },
        ],
    },
    {
        "number": 8,
        "title": "Les acteurs : USH, URH, IREV, ANRU, État, Défenseur des droits",
        "slug": "m8-acteurs",
        "intro": (
            "<p>Le ou la référent·e égalité de traitement agit au sein d'un réseau d'acteurs : le "
            "Mouvement Hlm et ses fédérations, les services de l'État et les agences nationales, "
            "le centre de ressources politique de la ville, le Défenseur des droits et les "
            "associations.</p><p>Ce module présente ces acteurs, en commençant par les deux "
            "partenaires du programme : l'URH Hauts-de-France, au sein du Mouvement Hlm, et "
            "l'IREV.</p>"
        ),
        "objectives": [
            "Situer l'USH, ses fédérations et l'URH Hauts-de-France dans le Mouvement Hlm.",
            ("Connaître les chiffres clés de la demande et du parc social, en France et en Hauts-de-France."),
            (
                "Présenter l'IREV et la démarche régionale de prévention des discriminations "
                "conduite avec l'URH."
            ),
            "Identifier le rôle des services de l'État, des agences et du Défenseur des droits.",
        ],
        "lessons": [
            {
                "title": "Le Mouvement Hlm : l'USH et l'URH Hauts-de-France",
                "slug": "ush-et-urh-hauts-de-france",
                "summary": (
                    "Ce que sont l'Union sociale pour l'habitat et l'Union régionale pour "
                    "l'habitat Hauts-de-France, et les chiffres clés du parc et de la demande."
                ),
                "duration_minutes": 20,
                "body": [
                    (
                        "paragraph",
                        (
                            "<h3>L'Union sociale pour l'habitat (USH)</h3><p>L'USH est la "
                            "confédération du Mouvement Hlm ; ses origines remontent à l'UNFOHBM, "
                            "créée en 1929. Elle regroupe <b>cinq fédérations</b> :</p><ul><li>la "
                            "Fédération des offices publics de l'habitat (FOPH) ;</li><li>la "
                            "fédération des Entreprises sociales pour l'habitat (ESH) ;</li><li>la "
                            "fédération des Coop'HLM ;</li><li>Procivis, qui rassemble les SACICAP "
                            ";</li><li>la Fédération des associations régionales "
                            "(FNAR).</li></ul><p>Elle réunissait environ 566 organismes fin 2022. "
                            "Ses missions : représenter le Mouvement au niveau national, produire "
                            "des études et des propositions, conseiller et appuyer les organismes. "
                            "Pour les attributions, ses guides Repères n° 47 (mars 2018, "
                            "motivation des refus et des non-attributions) et n° 65 (février 2020, "
                            "cotation et location voulue) sont des ressources de référence. L'USH "
                            "est aussi signataire, avec l'État et les associations d'élus, du "
                            "cadre national d'utilisation de l'abattement de TFPB du 29 avril "
                            "2015.</p><h3>Le parc et la demande au niveau "
                            "national</h3><ul><li>Environ 4,8 millions de logements locatifs "
                            "sociaux et 0,37 à 0,38 million de logements-foyers ; 10,2 à 10,4 "
                            "millions de personnes logées.</li><li>2,42 millions de demandes fin "
                            "2022, dont 797 000 demandes de mutation ; <b>2 708 400 demandes au 30 "
                            "juin 2024</b>.</li><li>181 600 attributions au premier semestre 2024, "
                            "en recul de 7,1 %.</li></ul>"
                        ),
                    ),
                    (
                        "paragraph",
                        (
                            "<h3>L'Union régionale pour l'habitat Hauts-de-France "
                            "(URH)</h3><p>L'URH est une association loi 1901, membre de la FNAR, "
                            "qui représentait <b>56 bailleurs sociaux</b> de la région en 2021. "
                            "Elle joue un rôle d'interface régionale avec l'État, la Région, la "
                            "Banque des territoires et Action Logement, anime la coopération entre "
                            "bailleurs et conduit, avec l'IREV, les démarches régionales d'égalité "
                            "de traitement et de prévention des discriminations. C'est elle qui "
                            "porte le présent programme.</p><h3>Les chiffres clés en "
                            "Hauts-de-France</h3><ul><li><b>Parc</b> : 591 907 logements sociaux "
                            "au 1er janvier 2022, soit environ un logement sur cinq, d'une "
                            "ancienneté moyenne de 44 ans ; la région concentre environ 16 % des "
                            "logements sociaux occupés de France (INSEE, données "
                            "2017).</li><li><b>Quartiers prioritaires</b> : 72 % des habitants des "
                            "QPV de la région vivent dans un logement "
                            "social.</li><li><b>Demande</b> : 223 000 demandeurs fin 2023, soit + "
                            "8 % en un an et + 22,5 % depuis 2019.</li><li><b>Attributions</b> : "
                            "45 000 baux signés en 2023, en baisse de 6 % ; les attributions ont "
                            "reculé de 16,5 % depuis 2019.</li><li><b>Mutations</b> : 39 % de la "
                            "demande et 31 % des attributions fin 2023, pour une attente moyenne "
                            "d'environ dix-huit mois.</li><li><b>DALO</b> : près de 40 000 recours "
                            "déposés dans la région de 2008 à 2019, dont sept sur dix dans le Nord "
                            "et l'Oise ; un taux de reconnaissance d'environ 36 % ; plus de 10 000 "
                            "ménages prioritaires relogés en 2019.</li></ul><p>Ces ordres de "
                            "grandeur rappellent l'enjeu : lorsque la demande augmente et que les "
                            "attributions diminuent, chaque logement attribué fait l'objet d'une "
                            "concurrence accrue entre candidats. La rigueur et la motivation des "
                            "choix n'en deviennent que plus nécessaires.</p>"
                        ),
                    ),
                    (
                        "accordion",
                        {
                            "title": "Questions fréquentes",
                            "items": [
                                {
                                    "question": "Quelle différence entre l'USH et l'URH ?",
                                    "answer": (
                                        "<p>L'USH est la confédération nationale du Mouvement Hlm, "
                                        "qui regroupe cinq fédérations. L'URH Hauts-de-France est "
                                        "une association régionale, membre de l'une d'elles (la "
                                        "FNAR), qui représente les bailleurs sociaux de la "
                                        "région.</p>"
                                    ),
                                },
                                {
                                    "question": (
                                        "Où trouver une ressource professionnelle sur la "
                                        "motivation des refus ?"
                                    ),
                                    "answer": (
                                        "<p>Le guide Repères n° 47 de l'USH (mars 2018) est "
                                        "consacré à la motivation des refus et des "
                                        "non-attributions ; le Repères n° 65 (février 2020) traite "
                                        "de la cotation et de la location voulue.</p>"
                                    ),
                                },
                                {
                                    "question": "Que signifie le chiffre de 45 000 ?",
                                    "answer": (
                                        "<p>Il correspond aux baux signés en 2023 en "
                                        "Hauts-de-France. Il ne faut pas le confondre avec les 223 "
                                        "000 demandeurs en attente fin 2023 dans la région.</p>"
                                    ),
                                },
                            ],
                        },
                    ),
                    (
                        "key_points",
                        {
                            "title": "À retenir",
                            "text": (
                                "<ul><li>L'USH confédère cinq fédérations (OPH, ESH, Coop'HLM, "
                                "Procivis, FNAR) et environ 566 organismes (fin "
                                "2022).</li><li>L'URH Hauts-de-France, association membre de la "
                                "FNAR, représentait 56 bailleurs sociaux en "
                                "2021.</li><li>Hauts-de-France : 591 907 logements sociaux (2022), "
                                "223 000 demandeurs et 45 000 baux signés (2023).</li><li>Les "
                                "mutations représentent 39 % de la demande régionale.</li></ul>"
                            ),
                        },
                    ),
                    (
                        "glossary_term",
                        {
                            "term": "FNAR",
                            "definition": (
                                "Fédération des associations régionales : l'une des cinq "
                                "fédérations de l'USH, dont sont membres les associations "
                                "régionales d'organismes Hlm comme l'URH Hauts-de-France."
                            ),
                        },
                    ),
                ],
            },
            {
                "title": "L'IREV, la démarche régionale et les acteurs publics",
                "slug": "irev-et-acteurs-publics",
                "summary": (
                    "Le centre de ressources politique de la ville des Hauts-de-France, la "
                    "démarche conduite avec l'URH depuis 2018, et le rôle des services de l'État, "
                    "des agences et du Défenseur des droits."
                ),
                "duration_minutes": 20,
                "body": [
                    (
                        "paragraph",
                        (
                            "<h3>L'IREV, centre de ressources politique de la ville</h3><p>L'IREV "
                            "est constitué en <b>groupement d'intérêt public (GIP)</b>. Ses "
                            "membres fondateurs sont l'État et la Région ; il associe aussi les "
                            "EPCI et communes pilotes des contrats de ville, les Départements du "
                            "Nord et du Pas-de-Calais, la Caisse des Dépôts et l'URH. Il s'inscrit "
                            "dans le cadre de référence des centres de ressources politique de la "
                            "ville établi avec l'Agence nationale de la cohésion des territoires "
                            "(ANCT). En 2022, il a conduit 167 demi-journées d'activité, dont 46 "
                            "de qualification et 67 d'accompagnement individualisé à "
                            "l'évaluation.</p><p>Le partenariat entre l'IREV et l'URH, renouvelé, "
                            "fixe plusieurs priorités pour les QPV : renouvellement urbain, "
                            "gestion urbaine de proximité et abattement de TFPB, prévention des "
                            "discriminations, développement économique, transition écologique, "
                            "prévention des radicalités et laïcité, tranquillité résidentielle.</p>"
                        ),
                    ),
                    (
                        "timeline",
                        {
                            "title": "La démarche IREV-URH sur l'égalité d'accès au logement",
                            "events": [
                                {
                                    "when": "2018",
                                    "title": "Début de la collaboration",
                                    "description": (
                                        "L'IREV et l'URH engagent une collaboration sur la "
                                        "prévention des discriminations dans l'accès au logement "
                                        "social."
                                    ),
                                },
                                {
                                    "when": "2018-2019",
                                    "title": "Cycles de qualification",
                                    "description": (
                                        "Sessions en juillet 2018, puis en janvier et novembre "
                                        "2019, à Arras, Lille et Dunkerque."
                                    ),
                                },
                                {
                                    "when": "04/01/2021",
                                    "title": "Publication de la synthèse",
                                    "description": (
                                        "L'URH publie la synthèse réalisée en 2020 : « Prévenir "
                                        "les risques de discriminations dans l'accès au logement – "
                                        "comprendre pour mieux agir »."
                                    ),
                                },
                                {
                                    "when": "2023",
                                    "title": ("Module « Favoriser l'égalité d'accès au logement social »"),
                                    "description": (
                                        "Expérimenté notamment sur la communauté d'agglomération "
                                        "Valenciennes Métropole, avec un kit comprenant un livret "
                                        "stagiaire : notions, repères juridiques, exercices et "
                                        "mises en situation sur les zones de risque professionnel."
                                    ),
                                },
                                {
                                    "when": "15/03/2024",
                                    "title": "Webinaire national",
                                    "description": (
                                        "Organisé avec l'ANCT et le CNFPT, il réunit une centaine "
                                        "de participants ; plus de 170 acteurs ont été "
                                        "sensibilisés après un an d'expérimentation."
                                    ),
                                },
                            ],
                        },
                    ),
                    (
                        "paragraph",
                        (
                            "<h3>Les finalités de la démarche</h3><p>La démarche poursuit deux "
                            "finalités : <b>protéger les professionnels et les institutions du "
                            "risque judiciaire</b>, et <b>interroger les pratiques sous l'angle de "
                            "l'égalité de traitement</b>. Son principe — outiller le dialogue sans "
                            "stigmatiser les professionnels — fonde la posture attendue du ou de "
                            "la référent·e (module 6).</p><h3>Les acteurs publics à "
                            "connaître</h3><ul><li><b>Le préfet et les services de l'État</b> "
                            "(DDETS, DDT(M), DREAL) : contingent préfectoral, agrément de la CIA, "
                            "suivi des objectifs d'attribution (arrêtés fixant le seuil du premier "
                            "quartile, tableaux semestriels), commission de médiation DALO. Le "
                            "préfet est aussi le délégué territorial de "
                            "l'ANRU.</li><li><b>L'ANCT</b> : pilotage national de la politique de "
                            "la ville, dont la géographie prioritaire (avec l'INSEE), les contrats "
                            "de ville et l'animation des centres de "
                            "ressources.</li><li><b>L'ANRU</b> : créée par la loi du 1er août 2003 "
                            "pour conduire le programme national de rénovation urbaine, elle met "
                            "en œuvre le NPNRU issu de la loi Lamy.</li><li><b>L'ANCOLS</b> : "
                            "contrôle des organismes et études, notamment les bilans des "
                            "attributions au premier quartile.</li><li><b>Action Logement</b> : "
                            "réservataire majeur, soumis à l'objectif de 25 % d'attributions aux "
                            "publics prioritaires, et premier financeur du NPNRU.</li><li><b>Le "
                            "Défenseur des droits</b> : autorité constitutionnelle indépendante "
                            "qui a repris en 2011 les missions de la HALDE ; il peut être saisi "
                            "gratuitement par toute personne s'estimant discriminée, et dispose "
                            "notamment de la médiation, de la transaction pénale, des "
                            "recommandations et des observations devant les "
                            "juridictions.</li><li><b>Les associations</b> : le réseau RéEL, la "
                            "Fondation Abbé Pierre (un changement de dénomination annoncé en 2025 "
                            "est à vérifier avant usage), les ADIL et l'ANIL pour l'information "
                            "juridique.</li></ul>"
                        ),
                    ),
                    (
                        "legal_reference",
                        {
                            "text": "Constitution",
                            "article": "71-1",
                            "date": None,
                            "url": "https://www.legifrance.gouv.fr/",
                            "note": (
                                "Institue le Défenseur des droits, autorité indépendante créée par "
                                "la révision constitutionnelle du 23 juillet 2008 ; son "
                                "organisation relève de la loi organique n° 2011-333 du 29 mars "
                                "2011."
                            ),
                        },
                    ),
                    (
                        "accordion",
                        {
                            "title": "Questions fréquentes",
                            "items": [
                                {
                                    "question": (
                                        "Vers qui orienter une personne qui s'estime discriminée "
                                        "dans l'accès au logement ?"
                                    ),
                                    "answer": (
                                        "<p>Vers le Défenseur des droits, dont la saisine est "
                                        "gratuite, directement ou par l'intermédiaire d'un délégué "
                                        "territorial, d'un parlementaire ou d'une association. La "
                                        "personne peut aussi adresser une réclamation à "
                                        "l'organisme concerné et, si un refus d'attribution est en "
                                        "cause, saisir le juge administratif.</p>"
                                    ),
                                },
                                {
                                    "question": (
                                        "Qui suit l'atteinte des objectifs d'attribution sur un territoire ?"
                                    ),
                                    "answer": (
                                        "<p>Les services de l'État, sous l'autorité du préfet : "
                                        "ils reçoivent les tableaux de suivi semestriels des "
                                        "bailleurs, agréent la CIA et gèrent le contingent "
                                        "préfectoral. L'ANCOLS publie par ailleurs des bilans "
                                        "nationaux.</p>"
                                    ),
                                },
                                {
                                    "question": (
                                        "Pourquoi la démarche parle-t-elle de « protéger les "
                                        "professionnels » ?"
                                    ),
                                    "answer": (
                                        "<p>Parce que c'est l'une de ses deux finalités affichées "
                                        ": réduire le risque judiciaire pour les professionnels et "
                                        "les institutions. Devant le juge civil ou administratif, "
                                        "c'est au défendeur de prouver que sa décision repose sur "
                                        "des éléments objectifs ; des pratiques tracées et "
                                        "motivées sont donc la meilleure protection, pour le "
                                        "demandeur comme pour l'organisme.</p>"
                                    ),
                                },
                            ],
                        },
                    ),
                    (
                        "key_points",
                        {
                            "title": "À retenir",
                            "text": (
                                "<ul><li>L'IREV est un GIP fondé par l'État et la Région, centre "
                                "de ressources politique de la ville des "
                                "Hauts-de-France.</li><li>Depuis 2018, l'IREV et l'URH conduisent "
                                "une démarche de prévention des discriminations dans l'accès au "
                                "logement social.</li><li>Le module « Favoriser l'égalité d'accès "
                                "au logement social » (2023) a été expérimenté notamment à "
                                "Valenciennes Métropole.</li><li>Préfet et services de l'État, "
                                "ANCT, ANRU, ANCOLS, Action Logement et Défenseur des droits "
                                "complètent le réseau du ou de la référent·e.</li></ul>"
                            ),
                        },
                    ),
                    (
                        "glossary_term",
                        {
                            "term": "GIP",
                            "definition": (
                                "Groupement d'intérêt public : forme juridique de coopération "
                                "entre partenaires, notamment publics, autour d'une mission "
                                "commune ; c'est le statut de l'IREV, dont l'État et la Région "
                                "sont membres fondateurs."
                            ),
                        },
                    ),
                ],
            },
        ],
    },
]
