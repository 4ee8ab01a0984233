"""Shared fixtures: a small programme tree attached to the default Wagtail site."""

from dataclasses import dataclass

import pytest
from wagtail.models import Page, Site

from tests.factories import HomePageFactory, LessonPageFactory, ModulePageFactory, ProgrammePageFactory


@dataclass
class Tree:
    home: Page
    programme: Page
    modules: list[Page]
    lessons: list[Page]


def build_tree(*, modules: int = 2, lessons_per_module: int = 3) -> Tree:
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, slug="accueil-test")
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    programme = ProgrammePageFactory(parent=home, slug="programme")
    module_pages, lesson_pages = [], []
    for m in range(modules):
        module = ModulePageFactory(parent=programme, slug=f"module-{m + 1}", number=m + 1)
        module_pages.append(module)
        for n in range(lessons_per_module):
            lesson_pages.append(LessonPageFactory(parent=module, slug=f"lecon-{n + 1}"))
    return Tree(home=home, programme=programme, modules=module_pages, lessons=lesson_pages)


@pytest.fixture
def tree(db) -> Tree:
    return build_tree()
