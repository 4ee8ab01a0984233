"""Password rules after the CNIL recommendation on passwords (délibération n° 2022-100): length over
complexity, no composition rules, and a refusal of passwords that attackers try first.

Django's validators (``AUTH_PASSWORD_VALIDATORS``) do most of it: minimum length, its list of 20 000
passwords seen in breaches, similarity to the person's name and e-mail, all-digit passwords. This
module adds what they lack for a French audience: an upper bound generous enough for passphrases, and,
on top of Django's list, a short list of passwords common in France, recognised whatever their case,
accents, digits or punctuation (``Soleil2024!`` is ``soleil``; ``MotDePasse-MotDePasse`` is
``motdepasse``).
"""

import re
import unicodedata

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

# Long enough for a passphrase of several words or a password manager's output; the bound only stops
# megabyte-long inputs.
MAX_LENGTH = 256

# One help text for every form that sets a password; the validators' own texts stay for the admin.
PASSWORD_HELP_TEXT = gettext_lazy(
    "Au moins 12 caractères, sans autre contrainte : une phrase de passe de quelques mots est idéale. "
    "Évitez un mot de passe courant ou proche de votre nom ou de votre adresse e-mail."
)

# Written as people type them; compared after ``normalise``, so one entry covers its variants.
FRENCH_COMMON_PASSWORDS = """
    motdepasse monmotdepasse motdepasse123 mdp azerty azerty123 azertyuiop azertyuiopqsdfghjklm
    aqwzsx wxcvbn qsdfgh qwerty qwertyuiop soleil bonjour bonsoir coucou salut merci jetaime
    jetaimeplus doudou chouchou loulou nounours bisous amour monamour mamour chéri chérie bébé
    princesse papillon chocolat nutella bisounours biscuit fromage marseille paris lille lyon
    toulouse bordeaux nantes amiens roubaix tourcoing arras dunkerque lens lom allezlom olympique
    psg france vivelafrance hautsdefrance picardie nord pasdecalais chti bretagne
    marine camille nicolas julien thomas vincent nathalie isabelle sandrine stephanie
    secret bienvenue admin administrateur utilisateur changemoi changezmoi modifiermoi
    nouveau nouveaumotdepasse formation formateur apprenant referent egalite habitat logement
    hlm bailleur urh irev
"""


def normalise(password: str) -> str:
    """Letters only, lower case, without accents; a word repeated several times counts once."""
    decomposed = unicodedata.normalize("NFKD", password.casefold())
    letters = "".join(char for char in decomposed if char.isalpha() and char.isascii())
    repeated = re.fullmatch(r"(.+?)\1+", letters)
    return repeated.group(1) if repeated else letters


FRENCH_COMMON = frozenset(normalise(word) for word in FRENCH_COMMON_PASSWORDS.split())


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    """Django's list of 20 000 passwords from breaches (its message), then ``FRENCH_COMMON_PASSWORDS``.

    One validator for both lists, so that a password on both gets one message, not two.
    """

    def validate(self, password: str, user=None) -> None:
        super().validate(password, user)
        if normalise(password) in FRENCH_COMMON:
            raise ValidationError(
                _("Ce mot de passe est trop courant : il figure parmi les premiers qu'un attaquant essaie."),
                code="password_too_common",
            )

    def get_help_text(self) -> str:
        return _(
            "Votre mot de passe ne peut pas être un mot de passe courant, ni un mot ou une suite de "
            "touches courants suivis de chiffres."
        )


class MaximumLengthValidator:
    """Refuses a password longer than ``max_length`` characters (a passphrase stays well below)."""

    def __init__(self, max_length: int = MAX_LENGTH):
        self.max_length = max_length

    def validate(self, password: str, user=None) -> None:
        if len(password) > self.max_length:
            raise ValidationError(
                ngettext(
                    "Ce mot de passe est trop long : %(max_length)d caractère au plus.",
                    "Ce mot de passe est trop long : %(max_length)d caractères au plus.",
                    self.max_length,
                ),
                code="password_too_long",
                params={"max_length": self.max_length},
            )

    def get_help_text(self) -> str:
        return ngettext(
            "Votre mot de passe peut compter jusqu'à %(max_length)d caractère.",
            "Votre mot de passe peut compter jusqu'à %(max_length)d caractères.",
            self.max_length,
        ) % {"max_length": self.max_length}
