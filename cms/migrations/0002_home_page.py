"""Replace Wagtail's placeholder "Welcome" page with the site's French home page.

Structure only (no demo content, no accounts): a fresh installation serves a French home page.
Historical models have no treebeard helpers, so the tree columns are written directly.
"""

from django.db import migrations

TITLE = "Référent·e égalité de traitement"
INTRO = (
    "<p>Le parcours de qualification de l'Union régionale pour l'habitat Hauts-de-France, "
    "conçu avec l'IREV, forme les professionnel·les des bailleurs sociaux, des collectivités "
    "et des services de l'État à la réforme des attributions et à la prévention des "
    "discriminations dans l'accès au logement social.</p>"
)


def create_home_page(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Site = apps.get_model("wagtailcore", "Site")
    HomePage = apps.get_model("cms", "HomePage")
    if HomePage.objects.exists():
        return
    root = Page.objects.filter(depth=1).order_by("path").first()
    if root is None:
        return
    welcome = Page.objects.filter(
        depth=2, slug="home", numchild=0, content_type__app_label="wagtailcore", content_type__model="page"
    ).first()
    last_child = Page.objects.filter(depth=2, path__startswith=root.path).order_by("-path").first()
    position = int(last_child.path[-4:], 36) + 1 if last_child else 1
    content_type, _created = ContentType.objects.get_or_create(app_label="cms", model="homepage")
    home = HomePage.objects.create(
        title=TITLE,
        draft_title=TITLE,
        slug="accueil",
        content_type=content_type,
        path=f"{root.path}{_base36(position)}",
        depth=2,
        numchild=0,
        url_path="/accueil/",
        locale_id=welcome.locale_id if welcome else root.locale_id,
        live=True,
        intro=INTRO,
    )
    if welcome is not None:
        Site.objects.filter(root_page_id=welcome.pk).update(root_page_id=home.pk, site_name=TITLE)
        welcome.delete()
    root.numchild = Page.objects.filter(depth=2, path__startswith=root.path).count()
    root.save(update_fields=["numchild"])


def _base36(number: int) -> str:
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    out = ""
    while number:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
    return out.rjust(4, "0")


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_home_page, migrations.RunPython.noop)]
