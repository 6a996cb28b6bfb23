"""One address for the course: CITATION.cff's repository-code makes every link."""

from pathlib import Path

import pytest

from course import links

REPO = Path(__file__).resolve().parents[1]


def test_readme_links_agree_with_citation():
    # Fails when CITATION.cff changed but `python -m course.links --write-readme` was not run,
    # or when someone edited a Binder link in the README by hand.
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert links.readme_with_links(text, links.repository_url()) == text, (
        "README.md's Binder links differ from CITATION.cff: run python -m course.links --write-readme")


def test_every_student_notebook_has_a_binder_link_in_the_readme():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    url = links.repository_url()
    found = links.notebooks()
    assert len(found) >= 9 and found[0].startswith("notebooks/00-")
    for notebook in found:
        assert links.binder_url(url, notebook) in text, notebook


def test_binder_link_opens_the_notebook_in_jupyterlab():
    # Worked by hand: owner/repo after /v2/gh/, ref HEAD, the path with "/" escaped as %2F.
    assert (links.binder_url("https://github.com/acme/nk-course", "notebooks/00-a.ipynb")
            == "https://mybinder.org/v2/gh/acme/nk-course/HEAD?labpath=notebooks%2F00-a.ipynb")
    assert links.github_path("https://github.com/acme/nk-course.git/") == "acme/nk-course"


def test_nbgitpuller_link_pulls_into_the_repository_folder_and_opens_the_notebook():
    url = links.nbgitpuller_url("https://hub.example.edu/", "https://github.com/acme/nk-course",
                                "notebooks/00-a.ipynb", branch="main")
    # Worked by hand from nbgitpuller's documented parameters, query-escaped.
    assert url == ("https://hub.example.edu/hub/user-redirect/git-pull?"
                   "repo=https%3A%2F%2Fgithub.com%2Facme%2Fnk-course"
                   "&urlpath=lab%2Ftree%2Fnk-course%2Fnotebooks%2F00-a.ipynb&branch=main")


def test_changing_the_one_line_changes_every_readme_link(tmp_path):
    citation = tmp_path / "CITATION.cff"
    citation.write_text((REPO / "CITATION.cff").read_text().replace(
        links.repository_url(), "https://github.com/acme/nk-course"))
    new = links.repository_url(citation)
    text = links.readme_with_links((REPO / "README.md").read_text(encoding="utf-8"), new)
    assert "v2/gh/acme/nk-course/HEAD?labpath=notebooks%2F00-" in text
    assert "OWNER/REPO" not in text
    assert text.count("mybinder.org/v2/gh/acme/nk-course/") == len(links.notebooks()) + 1  # + badge


@pytest.mark.parametrize("content, message", [
    ("title: x\n", "no `repository-code:`"),
    ("repository-code: https://gitlab.com/a/b\n", "must be https://github.com/OWNER/REPO"),
    ("repository-code: [unclosed\n", "cannot read"),
])
def test_bad_citation_gives_a_clear_message(tmp_path, content, message):
    citation = tmp_path / "CITATION.cff"
    citation.write_text(content)
    with pytest.raises(links.LinkError, match=message.replace("(", r"\(")):
        links.repository_url(citation)


def test_missing_citation_is_named(tmp_path):
    with pytest.raises(links.LinkError, match="CITATION.cff"):
        links.repository_url(tmp_path / "CITATION.cff")


def test_hub_kit_default_url_agrees_with_citation():
    import yaml
    text = (REPO / "deploy" / "config.yaml").read_text(encoding="utf-8")
    assert links.deploy_with_links(text, links.repository_url()) == text, (
        "deploy/config.yaml's defaultUrl differs from CITATION.cff: "
        "run python -m course.links --write-deploy")
    default_url = yaml.safe_load(text)["singleuser"]["defaultUrl"]
    assert default_url == links.nbgitpuller_path(links.repository_url(), links.notebooks()[0])


def test_command_prints_both_links_for_every_notebook(capsys):
    assert links.main(["--hub", "https://hub.example.edu"]) == 0
    out = capsys.readouterr().out
    url = links.repository_url()
    for notebook in links.notebooks():
        assert links.binder_url(url, notebook) in out
        assert links.nbgitpuller_url("https://hub.example.edu", url, notebook) in out


def test_command_refuses_a_hub_that_is_not_a_web_address(capsys):
    assert links.main(["--hub", "hub.example.edu"]) == 2
    assert "--hub must be the hub's web address" in capsys.readouterr().err
