"""Demo pages: the home page, then the whole curriculum from ``cms/content/`` (see ``cms.importer``).

Running it again duplicates nothing and never overwrites a page edited in Wagtail.
"""

from collections.abc import Iterator

from wagtail.models import Page, Site

from cms.importer import describe, import_curriculum
from cms.models import HomePage

HOME = {
    "title": "Référent·e égalité de traitement",
    "slug": "accueil",
    "intro": (
        "<p>Le parcours de qualification de l'Union régionale pour l'habitat Hauts-de-France, "
        "conçu avec l'IREV, forme les professionnel·les des bailleurs sociaux, des collectivités "
        "et des services de l'État à la réforme des attributions et à la prévention des "
        "discriminations dans l'accès au logement social.</p>"
    ),
}


def home_page() -> tuple[Page, bool]:
    """The site's home page (created by migration cms/0002 on a fresh database), set as default site root."""
    root = Page.get_first_root_node()
    home = HomePage.objects.child_of(root).filter(slug=HOME["slug"]).first()
    created = home is None
    if created:
        home = HomePage(title=HOME["title"], slug=HOME["slug"], intro=HOME["intro"])
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", root_page=home, is_default_site=True, site_name=HOME["title"]
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = HOME["title"]
        site.save()
    return home, created


def load(*, password: str) -> Iterator[str]:
    home, created = home_page()
    yield f"{'créée' if created else 'déjà présente'} : page « {home.title} »"
    for outcome in import_curriculum(home=home):
        yield describe(outcome)
